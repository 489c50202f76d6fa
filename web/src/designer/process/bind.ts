// How a step's settings editor reads and writes its config.
import type { FieldProblem } from '../shared/definitions';
import { at } from './fields';
import type { Config, ProcessNode } from './graph';

/** The parts of the properties panel's props an editor binds to. */
export interface Bindable {
  node: ProcessNode;
  problems: FieldProblem[];
  onConfig: (change: Config) => void;
}

/**
 * useBind gives an editor its config, the findings at a config member, an
 * id prefix for its controls, and a setter that drops empty values.
 */
export function useBind({ node, problems, onConfig }: Bindable) {
  const c = node.config ?? {};
  return {
    c,
    id: (m: string) => `fw-n-${node.id}-${m}`,
    errs: (m: string) => at(problems, `config/${m}`),
    set: (m: string, v: unknown) => onConfig({ [m]: v === '' || v === null ? undefined : v }),
  };
}
