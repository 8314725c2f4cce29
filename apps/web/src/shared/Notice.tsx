import type { ReactNode } from 'react';

/** A page-wide message (signed out, forbidden, failed page): light enough for the app shell. */
export function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="alert" className="page-notice">
      <h1 className="page-notice-title">{title}</h1>
      {children}
    </div>
  );
}
