import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { PHASES, type Phase } from '../../shared/cycles';

/** A section's h2 (the page's h1 is PageTitle). */
export function SectionTitle({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <Typography.Title level={2} id={id} style={{ fontSize: 20, marginTop: 0 }}>
      {children}
    </Typography.Title>
  );
}

/** Whether a cycle has reached `phase` (phases only move forward). */
export function reached(current: Phase, phase: Phase): boolean {
  return PHASES.indexOf(current) >= PHASES.indexOf(phase);
}
