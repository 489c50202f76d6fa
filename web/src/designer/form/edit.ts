/**
 * Edits of the form designer's model. Each returns a new model and leaves
 * its input untouched, so React sees every change.
 */
import type { DesignerField, DesignerForm, DesignerSection } from './model';

/** FieldAt says where a field sits: section index and field index. */
export interface FieldAt {
  section: number;
  index: number;
}

/** findField locates the field with uid, or returns null. */
export function findField(m: DesignerForm, uid: string): (FieldAt & { field: DesignerField })
  | null {
  for (let s = 0; s < m.sections.length; s += 1) {
    const i = m.sections[s].fields.findIndex((f) => f.uid === uid);
    if (i >= 0) return { section: s, index: i, field: m.sections[s].fields[i] };
  }
  return null;
}

function withSections(m: DesignerForm, sections: DesignerSection[]): DesignerForm {
  return { ...m, sections };
}

/** insertField puts f into section sectionUid at index (clamped). */
export function insertField(m: DesignerForm, sectionUid: string, index: number,
  f: DesignerField): DesignerForm {
  return withSections(m, m.sections.map((s) => {
    if (s.uid !== sectionUid) return s;
    const fields = [...s.fields];
    fields.splice(Math.max(0, Math.min(index, fields.length)), 0, f);
    return { ...s, fields };
  }));
}

/** removeField takes the field with uid out of the model. */
export function removeField(m: DesignerForm, uid: string): DesignerForm {
  return withSections(m, m.sections.map((s) =>
    s.fields.some((f) => f.uid === uid) ? { ...s, fields: s.fields.filter((f) => f.uid !== uid) }
      : s));
}

/**
 * moveField moves the field with uid to index of section sectionUid; the
 * index counts the target's fields without the moved one.
 */
export function moveField(m: DesignerForm, uid: string, sectionUid: string,
  index: number): DesignerForm {
  const at = findField(m, uid);
  if (!at || !m.sections.some((s) => s.uid === sectionUid)) return m;
  return insertField(removeField(m, uid), sectionUid, index, at.field);
}

/** updateField applies change to the field with uid. */
export function updateField(m: DesignerForm, uid: string,
  change: Partial<DesignerField>): DesignerForm {
  return withSections(m, m.sections.map((s) => ({
    ...s, fields: s.fields.map((f) => (f.uid === uid ? { ...f, ...change } : f)),
  })));
}

/** updateSection applies change to the section with uid. */
export function updateSection(m: DesignerForm, uid: string,
  change: Partial<Omit<DesignerSection, 'uid' | 'fields'>>): DesignerForm {
  return withSections(m, m.sections.map((s) => (s.uid === uid ? { ...s, ...change } : s)));
}

/** addSection appends section s. */
export function addSection(m: DesignerForm, s: DesignerSection): DesignerForm {
  return withSections(m, [...m.sections, s]);
}

/**
 * removeSection drops an empty section; a section with fields, or the
 * last one, stays (the designer asks to move the fields first).
 */
export function removeSection(m: DesignerForm, uid: string): DesignerForm {
  const s = m.sections.find((x) => x.uid === uid);
  if (!s || s.fields.length > 0 || m.sections.length === 1) return m;
  return withSections(m, m.sections.filter((x) => x.uid !== uid));
}

/** moveSection moves the section with uid by delta places. */
export function moveSection(m: DesignerForm, uid: string, delta: number): DesignerForm {
  const i = m.sections.findIndex((s) => s.uid === uid);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= m.sections.length) return m;
  const sections = [...m.sections];
  [sections[i], sections[j]] = [sections[j], sections[i]];
  return withSections(m, sections);
}

/** shiftField moves a field one place up (-1) or down (+1), across sections. */
export function shiftField(m: DesignerForm, uid: string, delta: -1 | 1): DesignerForm {
  const at = findField(m, uid);
  if (!at) return m;
  const sec = m.sections[at.section];
  const target = at.index + delta;
  if (target >= 0 && target < sec.fields.length) return moveField(m, uid, sec.uid, target);
  const next = m.sections[at.section + delta];
  if (!next) return m;
  return moveField(m, uid, next.uid, delta < 0 ? next.fields.length : 0);
}

/**
 * renameField changes a field's name and the rules that name it (require
 * lists and assertion fields); expressions are left to the lint to flag.
 */
export function renameField(m: DesignerForm, uid: string, name: string): DesignerForm {
  const at = findField(m, uid);
  if (!at) return m;
  const old = at.field.name;
  const next = updateField(m, uid, { name });
  return {
    ...next,
    rules: next.rules.map((r) => ({
      ...r,
      require: r.require?.map((n) => (n === old ? name : n)),
      field: r.field === old ? name : r.field,
    })),
  };
}
