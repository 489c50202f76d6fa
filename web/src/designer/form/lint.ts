/**
 * Where the server's lint findings land in the form designer. Pointers are
 * JSON pointers into the content the designer sent (toContent's output):
 * "/layout/sections/1/fields/0/label/en", "/schema/properties/mobile/…",
 * "/rules/2/when". Each finding is attached to the canvas field, the
 * section or the rule it concerns; the rest belong to the form as a whole.
 */
import type { FieldProblem } from '../shared/definitions';
import type { DesignerForm } from './model';

/** FormFindings groups findings by what they concern. */
export interface FormFindings {
  /** byField is keyed by the canvas uid of a field. */
  byField: Record<string, FieldProblem[]>;
  /** bySection is keyed by the canvas uid of a section. */
  bySection: Record<string, FieldProblem[]>;
  /** byRule is keyed by the rule's index. */
  byRule: Record<number, FieldProblem[]>;
  /** form holds what concerns no one field, section or rule. */
  form: FieldProblem[];
}

function decode(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function push<K extends string | number>(m: Record<K, FieldProblem[]>, k: K, p: FieldProblem) {
  (m[k] ??= []).push(p);
}

/** mapFormFindings sorts findings by the field, section or rule they concern. */
export function mapFormFindings(m: DesignerForm, problems: FieldProblem[]): FormFindings {
  const out: FormFindings = { byField: {}, bySection: {}, byRule: {}, form: [] };
  const uidByName: Record<string, string> = {};
  for (const s of m.sections) for (const f of s.fields) uidByName[f.name] = f.uid;

  for (const p of problems) {
    const parts = p.pointer.split('/').slice(1).map(decode);
    if (parts[0] === 'layout' && parts[1] === 'sections') {
      const sec = m.sections[Number(parts[2])];
      const field = parts[3] === 'fields' ? sec?.fields[Number(parts[4])] : undefined;
      if (field) push(out.byField, field.uid, p);
      else if (sec) push(out.bySection, sec.uid, p);
      else out.form.push(p);
    } else if (parts[0] === 'schema' && parts[1] === 'properties' && uidByName[parts[2]]) {
      push(out.byField, uidByName[parts[2]], p);
    } else if (parts[0] === 'rules' && parts.length > 1 && m.rules[Number(parts[1])]) {
      push(out.byRule, Number(parts[1]), p);
    } else {
      out.form.push(p);
    }
  }
  return out;
}

/**
 * problemsAt returns the findings whose pointer, relative to the field,
 * starts with one of the given suffixes ("/label", "/visible_when").
 */
export function problemsAt(list: FieldProblem[] | undefined, ...suffixes: string[]):
  FieldProblem[] {
  if (!list) return [];
  return list.filter((p) => suffixes.some((s) => new RegExp(`/fields/\\d+${s}(/|$)`)
    .test(p.pointer) || new RegExp(`/properties/[^/]+${s}(/|$)`).test(p.pointer)));
}
