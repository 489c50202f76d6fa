/** Text in each locale, as the server stores it. */
export type Text = Partial<Record<'zh-CN' | 'en', string>>;

/** A pack of the template library, as the gallery lists it. */
export interface TemplateSummary {
  id: string;
  name: Text;
  description?: Text;
  industries: string[];
  sizes: string[];
  capabilities: string[];
  version: string;
  /** pack, edition (an industry overlay of base) or starter (by company size). */
  kind?: 'pack' | 'edition' | 'starter';
  base?: string;
}

/** The kinds of entry the library holds. */
export const kinds = ['pack', 'edition', 'starter'] as const;

/** One definition a pack brings. */
export interface PackItem {
  key: string;
  name: Text;
  description?: Text;
}

/** A pack before installing it. */
export interface TemplatePreview extends TemplateSummary {
  requires: { channels: string[]; roles: string[] };
  calendars: PackItem[];
  forms: PackItem[];
  processes: PackItem[];
  dashboards: PackItem[];
  sample_records: number;
}

/** What installing a pack did and what it still needs. */
export interface Installation {
  app_id: string;
  created: { kind: string; key: string; id: string }[];
  sample_records: string[];
  needs: { kind: string; key: string; message: string }[];
}

/** An installed app. */
export interface InstalledApp {
  id: string;
  key: string;
  name: Text;
  pack_version: string;
  status: string;
  definitions: { kind: string; key?: string; id?: string }[];
  installed_at: string;
}

/** The industries and company sizes the gallery filters by. */
export const industries = [
  'general', 'saas', 'retail', 'medical_devices', 'education', 'manufacturing',
  'cross_border_ecommerce',
];
export const sizes = ['xs', 's', 'm', 'l'];
