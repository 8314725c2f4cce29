import type { RosterImportResult } from '@app/users';

export class RosterRowResponse {
  /** Line in the file; the header is line 1 */
  line: number;
  displayName: string;
  status: 'created' | 'failed';
  userId?: string;
  /** Shown only here, once: hand it to the person */
  initialPassword?: string;
  errors?: string[];
}

export class RosterImportResponse {
  created: number;
  failed: number;
  rows: RosterRowResponse[];

  static from(result: RosterImportResult): RosterImportResponse {
    return Object.assign(new RosterImportResponse(), result);
  }
}
