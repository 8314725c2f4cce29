import { Injectable, Logger } from '@nestjs/common';
import { BallotCountService, BallotsService } from '@app/ballots';
import { CandidatesService } from '@app/candidates';
import type { AuthUser } from '@app/common';
import { CyclesService } from '@app/cycles';
import {
  addDays,
  districtDate,
  MilestonesService,
  ProjectsService,
  SupervisionService,
} from '@app/projects';
import { ProposalsService } from '@app/proposals';
import { PROJECTS_2019 } from './putuo-2019.js';
import type { DemoDepartment } from './putuo-2020.js';

export interface DemoPeople {
  secretariat: AuthUser;
  officials: Map<DemoDepartment, AuthUser>;
  deputies: AuthUser[];
  residents: AuthUser[];
}

export interface OpenDemoBallot {
  id: string;
  keyShares: string[];
  sharesRequired: number;
}

/** Deputies from this number on have rated; the first ones are left to try it. */
const FIRST_RATER = 41;

/**
 * The 2019 cycle, a year on: selected by the deputies (等额, all six), delivered with milestones,
 * progress, supervision and answered inspections, and now rated in an open evaluation ballot.
 */
@Injectable()
export class Putuo2019Loader {
  private readonly logger = new Logger(Putuo2019Loader.name);

  constructor(
    private readonly cycles: CyclesService,
    private readonly proposals: ProposalsService,
    private readonly candidates: CandidatesService,
    private readonly ballots: BallotsService,
    private readonly counting: BallotCountService,
    private readonly projects: ProjectsService,
    private readonly milestones: MilestonesService,
    private readonly supervision: SupervisionService,
  ) {}

  async load(
    people: DemoPeople,
    departmentIds: Map<DemoDepartment, string>,
  ): Promise<OpenDemoBallot> {
    const { secretariat } = people;
    const cycle = await this.cycles.create(secretariat, {
      year: 2019,
      title: '2019年普陀区民生实事项目',
      region: '普陀区',
      seats: PROJECTS_2019.length,
      allowEqualBallot: true,
    });
    await this.cycles.movePhase(secretariat, cycle.id, 'collecting');
    const filed = [];
    for (const [index, project] of PROJECTS_2019.entries()) {
      const { proposal } = await this.proposals.submit(people.residents[index + 15], cycle.id, {
        ...project.proposal,
        category: project.category,
      });
      filed.push(proposal);
    }
    await this.cycles.movePhase(secretariat, cycle.id, 'screening');
    for (const [index, project] of PROJECTS_2019.entries()) {
      await this.proposals.review(secretariat, filed[index].id, { decision: 'accept' });
      await this.candidates.create(people.officials.get(project.lead)!, cycle.id, {
        title: project.title,
        category: project.category,
        summary: project.summary,
        targets: project.targets,
        budget: project.budget,
        leadDepartmentId: departmentIds.get(project.lead)!,
        sourceProposalIds: [filed[index].id],
      });
    }
    await this.cycles.movePhase(secretariat, cycle.id, 'balloting');
    await this.selectAll(people, cycle.id);
    await this.cycles.movePhase(secretariat, cycle.id, 'implementing', async (manager) => {
      await this.projects.createFromSelection(manager, secretariat, cycle.id);
    });
    await this.deliver(people, cycle.id);
    await this.cycles.movePhase(secretariat, cycle.id, 'evaluating');
    const evaluation = await this.openEvaluation(people, cycle.id);
    this.logger.log('Loaded the 2019 Putuo cycle: 6 projects delivered, evaluation open');
    return evaluation;
  }

  /** The 等额 ballot: most deputies for every candidate, a few against one or two. */
  private async selectAll(people: DemoPeople, cycleId: string): Promise<void> {
    const { secretariat, deputies } = people;
    const { ballot, keyShares } = await this.ballots.create(secretariat, cycleId, {
      kind: 'selection',
    });
    await this.ballots.open(secretariat, ballot.id);
    for (const [index, deputy] of deputies.entries()) {
      await this.ballots.castVote(
        deputy,
        ballot.id,
        ballot.itemIds.map((itemId, item) => ({
          itemId,
          mark: (index + item) % 9 === 0 ? 'against' : 'for',
        })),
      );
    }
    await this.ballots.close(secretariat, ballot.id);
    await this.counting.count(secretariat, ballot.id, keyShares.slice(0, 2));
  }

  private async deliver(people: DemoPeople, cycleId: string): Promise<void> {
    const { secretariat, deputies } = people;
    const today = districtDate();
    const projects = await this.projects.all(cycleId);
    for (const [index, project] of projects.entries()) {
      const plan = PROJECTS_2019[index];
      const lead = people.officials.get(plan.lead)!;
      await this.projects.assign(secretariat, project.id, { responsibleOfficialId: lead.id });
      for (const milestone of plan.milestones) {
        const added = await this.milestones.add(lead, project.id, {
          title: milestone.title,
          dueDate: addDays(today, milestone.inDays),
        });
        if (milestone.done) {
          await this.milestones.update(lead, added.id, { done: true });
        }
      }
      await this.projects.postProgress(lead, project.id, {
        percent: Math.max(0, plan.percent - 30),
        note: '项目启动，完成前期工作。',
      });
      await this.projects.postProgress(lead, project.id, {
        percent: plan.percent,
        note: plan.note,
      });
      const group = [deputies[index * 2], deputies[index * 2 + 1]];
      await this.supervision.assignSupervisors(
        secretariat,
        project.id,
        group.map((deputy) => deputy.id),
      );
      const inspection = await this.supervision.logInspection(group[0], project.id, {
        visitedOn: addDays(today, -7 - index),
        findings: '现场查看了施工进度，群众反映总体满意，建议加强施工期间的安全围挡和告知。',
        rating: 3 + (index % 3),
      });
      if (index % 2 === 0) {
        await this.supervision.respond(
          lead,
          inspection.id,
          '已按代表意见加强围挡和施工公示，并安排专人每日巡查。',
        );
      }
    }
  }

  /** 满意度测评 over the six projects, open, with a third of the deputies rated. */
  private async openEvaluation(people: DemoPeople, cycleId: string): Promise<OpenDemoBallot> {
    const { secretariat, deputies } = people;
    const { ballot, keyShares } = await this.ballots.create(secretariat, cycleId, {
      kind: 'evaluation',
    });
    await this.ballots.open(secretariat, ballot.id);
    for (const [index, deputy] of deputies.entries()) {
      if (index + 1 < FIRST_RATER) {
        continue;
      }
      await this.ballots.castVote(
        deputy,
        ballot.id,
        ballot.itemIds.map((itemId, item) => ({
          itemId,
          mark: (index * 3 + item) % 7 === 0 ? 'basically_satisfied' : 'satisfied',
        })),
      );
    }
    return { id: ballot.id, keyShares, sharesRequired: ballot.sharesRequired };
  }
}
