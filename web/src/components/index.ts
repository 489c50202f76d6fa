export { PageState } from './PageState';
export type { PageStateProps } from './PageState';
export { ProblemAlert } from './ProblemAlert';
export { useApi } from './useApi';
export type { Loaded } from './useApi';
