import { Drawer, Grid } from 'antd';
import type { ReactNode } from 'react';

/** PropertiesPaneProps are the props of PropertiesPane. */
export interface PropertiesPaneProps {
  /** open says something is selected; on a narrow screen it opens a drawer. */
  open: boolean;
  title: string;
  onClose: () => void;
  /** hint is shown beside the canvas while nothing is selected. */
  hint: ReactNode;
  children: ReactNode;
}

/**
 * PropertiesPane shows a designer's properties panel beside the canvas on
 * a wide screen, and in a drawer over it on a phone, so editing a field
 * or a step never means scrolling past the whole canvas.
 */
export function PropertiesPane({ open, title, onClose, hint, children }: PropertiesPaneProps) {
  const wide = Grid.useBreakpoint().lg ?? true;
  if (wide) return <aside className="fw-panel">{open ? children : hint}</aside>;
  return (
    <>
      <aside className="fw-panel">{hint}</aside>
      <Drawer open={open} onClose={onClose} title={title} placement="bottom" size="85%">
        {children}
      </Drawer>
    </>
  );
}
