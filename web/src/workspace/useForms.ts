import { useEffect, useState } from 'react';
import { formContent, publishedForms } from './api';
import type { DefinitionItem } from './api';
import type { FormContent } from './formModel';

/** The published forms, loaded once per mount. */
export function usePublishedForms() {
  const [forms, setForms] = useState<DefinitionItem[]>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    publishedForms().then((f) => live && setForms(f), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [tick]);
  return { forms, error, loading: !forms && !error, reload: () => setTick((x) => x + 1) };
}

/** One form version's content (0: the latest published). */
export function useFormContent(key: string | undefined, version = 0) {
  const [form, setForm] = useState<FormContent>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!key) return;
    let live = true;
    setForm(undefined);
    setError(undefined);
    formContent(key, version).then((f) => live && setForm(f), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [key, version, tick]);
  return { form, error, loading: !!key && !form && !error, reload: () => setTick((x) => x + 1) };
}
