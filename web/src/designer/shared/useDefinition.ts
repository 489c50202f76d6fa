import { useCallback, useEffect, useRef, useState } from 'react';

import { ApiProblem } from '../../api/client';
import {
  getDefinition, publishDraft, saveDraft, type Definition, type DefinitionKind,
  type PublishResult,
} from './definitions';

/** DefinitionState is a loaded definition and what can be done to it. */
export interface DefinitionState<C> {
  def: Definition<C> | undefined;
  /** loads counts the GETs answered; the draft is the server's after each. */
  loads: number;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** save sends the content members at the loaded revision (If-Match). */
  save: (body: Record<string, unknown>) => Promise<Definition<C>>;
  saving: boolean;
  saveError: unknown;
  /** conflict is true after a save lost to someone else's (409). */
  conflict: boolean;
  /** publish publishes the saved draft and reloads the definition. */
  publish: () => Promise<PublishResult>;
}

/** useDefinition loads one definition and saves and publishes its draft. */
export function useDefinition<C>(kind: DefinitionKind, id: string): DefinitionState<C> {
  const [def, setDef] = useState<Definition<C>>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const [conflict, setConflict] = useState(false);
  const [tick, setTick] = useState(0);
  const [loads, setLoads] = useState(0);
  const revision = useRef(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    getDefinition<C>(kind, id).then((d) => {
      if (!live) return;
      revision.current = d.revision;
      setDef(d);
      setLoads((n) => n + 1);
      setConflict(false);
      setSaveError(undefined);
      setLoading(false);
    }, (e: unknown) => {
      if (!live) return;
      setError(e);
      setLoading(false);
    });
    return () => { live = false; };
  }, [kind, id, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);

  const save = useCallback(async (body: Record<string, unknown>) => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const d = await saveDraft<C>(kind, id, revision.current, body);
      revision.current = d.revision;
      setDef((old) => ({ ...old, ...d, versions: old?.versions ?? d.versions }));
      return d;
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 409) setConflict(true);
      setSaveError(e);
      throw e;
    } finally {
      setSaving(false);
    }
  }, [kind, id]);

  const publish = useCallback(async () => {
    const r = await publishDraft(kind, id);
    reload();
    return r;
  }, [kind, id, reload]);

  return { def, loads, loading, error, reload, save, saving, saveError, conflict, publish };
}
