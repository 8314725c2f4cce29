import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Which candidate each proposal became: the proposal side of the traceability. */
@Injectable()
export class ProposalTraces {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async candidatesOf(proposalIds: string[]): Promise<Map<string, string[]>> {
    const rows = proposalIds.length
      ? await this.dataSource.query<{ proposal_id: string; candidate_id: string }[]>(
          'SELECT proposal_id, candidate_id FROM candidate_sources WHERE proposal_id = ANY($1::uuid[])',
          [proposalIds],
        )
      : [];
    const traces = new Map<string, string[]>();
    for (const row of rows) {
      traces.set(row.proposal_id, [...(traces.get(row.proposal_id) ?? []), row.candidate_id]);
    }
    return traces;
  }
}
