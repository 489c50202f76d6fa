import { lazy, Suspense } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageState } from '../components';
import { Shell } from './Shell';

type Page = LazyExoticComponent<ComponentType>;

// Every screen is its own chunk: a rep on a phone downloads neither the
// process canvas (@xyflow/react) nor the charts (echarts).
const pages = {
  login: lazy(() => import('../auth/LoginPage')),
  signup: lazy(() => import('../auth/SignupPage')),
  reset: lazy(() => import('../auth/ResetPage')),
  guide: lazy(() => import('../auth/GuidePage')),
  gallery: lazy(() => import('../gallery/GalleryPage')),
  template: lazy(() => import('../gallery/TemplatePage')),
  apps: lazy(() => import('../gallery/AppsPage')),
  inbox: lazy(() => import('../workspace/InboxPage')),
  records: lazy(() => import('../workspace/RecordsPage')),
  record: lazy(() => import('../workspace/RecordPage')),
  newRecord: lazy(() => import('../workspace/NewRecordPage')),
  supervisor: lazy(() => import('../supervisor/SupervisorPage')),
  service: lazy(() => import('../service/ServicePage')),
  admin: lazy(() => import('../admin/AdminPage')),
  calendar: lazy(() => import('../admin/CalendarEditor')),
  notifications: lazy(() => import('./NotificationsPage')),
  designList: lazy(() => import('./DesignListPage')),
  formDesigner: lazy(() => import('../designer/form/FormDesignerPage')),
  processDesigner: lazy(() => import('../designer/process/ProcessDesignerPage')),
  dashboard: lazy(() => import('../dashboards/DashboardPage')),
  dashboards: lazy(() => import('../dashboards/DashboardList')),
  imports: lazy(() => import('../imports/ImportsPage')),
  importJob: lazy(() => import('../imports/ImportPage')),
} satisfies Record<string, Page>;

function page(P: Page) {
  return (
    <Suspense fallback={<PageState loading />}>
      <P />
    </Suspense>
  );
}

/** The route table of the app. */
export const routes = [
  { path: '/login', element: page(pages.login) },
  { path: '/signup', element: page(pages.signup) },
  { path: '/reset', element: page(pages.reset) },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      { path: 'welcome', element: page(pages.guide) },
      { path: 'gallery', element: page(pages.gallery) },
      { path: 'gallery/:id', element: page(pages.template) },
      { path: 'apps', element: page(pages.apps) },
      { path: 'inbox', element: page(pages.inbox) },
      { path: 'inbox/tasks/:taskId', element: page(pages.inbox) },
      { path: 'records', element: page(pages.records) },
      { path: 'records/new/:form', element: page(pages.newRecord) },
      { path: 'records/:id', element: page(pages.record) },
      { path: 'supervisor', element: page(pages.supervisor) },
      { path: 'service', element: page(pages.service) },
      { path: 'admin', element: page(pages.admin) },
      { path: 'admin/:tab', element: page(pages.admin) },
      { path: 'admin/calendars/:id', element: page(pages.calendar) },
      { path: 'notifications', element: page(pages.notifications) },
      { path: 'design', element: page(pages.designList) },
      { path: 'design/forms/:id', element: page(pages.formDesigner) },
      { path: 'design/processes/:id', element: page(pages.processDesigner) },
      { path: 'dashboards', element: page(pages.dashboards) },
      { path: 'dashboards/:id', element: page(pages.dashboard) },
      { path: 'imports', element: page(pages.imports) },
      { path: 'imports/:id', element: page(pages.importJob) },
      { path: '*', element: <Navigate to="/inbox" replace /> },
    ],
  },
];

/** The browser router of the app. */
export const router = createBrowserRouter(routes);
