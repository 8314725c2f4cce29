import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BallotsService } from '@app/ballots';
import { CandidatesService } from '@app/candidates';
import { Role, type AuthUser } from '@app/common';
import { Cycle, CyclesService } from '@app/cycles';
import { ProposalsService, SupportsService, type Proposal } from '@app/proposals';
import { DepartmentsService, PasswordHasher, User, UsersService } from '@app/users';
import {
  DEMO_PASSWORD,
  DEPARTMENTS,
  DEPUTY_COUNT,
  demoName,
  OTHER_PROPOSALS,
  PROJECTS,
  RESIDENT_COUNT,
  type DemoDepartment,
} from './putuo-2020.js';
import { Putuo2019Loader, type OpenDemoBallot } from './putuo-2019.loader.js';

export interface DemoAccount {
  role: string;
  login: string;
  name: string;
}

export interface DemoDistrict {
  accounts: DemoAccount[];
  /** The open ballot's key shares, only on the run that created it (they are stored nowhere). */
  ballot: OpenDemoBallot | null;
  /** The 2019 evaluation ballot's key shares, likewise. */
  evaluation: OpenDemoBallot | null;
}

/** Deputies from this number on have voted in the demo; the first ones are left to try it. */
const FIRST_DEMO_VOTER = 21;
/**
 * Of the 40 demo voters, how many mark each candidate `for`: eight pass the threshold of 31 (more
 * than half of 60 deputies), the ninth and tenth are a few votes short — the 20 deputies left
 * can still decide the last two seats.
 */
const FOR_QUOTA = [38, 37, 36, 35, 34, 34, 33, 33, 29, 26, 20, 15];

const DOMAIN = 'putuo.demo';

/** Loads the 2020 Putuo district demo; running it again adds nothing. */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger(DemoLoader.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly departments: DepartmentsService,
    private readonly cycles: CyclesService,
    private readonly proposals: ProposalsService,
    private readonly supports: SupportsService,
    private readonly candidates: CandidatesService,
    private readonly ballots: BallotsService,
    private readonly putuo2019: Putuo2019Loader,
  ) {}

  async load(): Promise<DemoDistrict> {
    const admin = await this.ensureAdmin();
    const departmentIds = await this.ensureDepartments(admin);
    const people = await this.ensurePeople(admin, departmentIds);
    const loaded = async (year: number) =>
      this.dataSource.getRepository(Cycle).existsBy({ year, region: '普陀区' });
    let evaluation: OpenDemoBallot | null = null;
    if (await loaded(2019)) {
      this.logger.log('The 2019 Putuo cycle is loaded already');
    } else {
      evaluation = await this.putuo2019.load(people, departmentIds);
    }
    let ballot: OpenDemoBallot | null = null;
    if (await loaded(2020)) {
      this.logger.log('The 2020 Putuo cycle is loaded already');
    } else {
      ballot = await this.openBallot(people, await this.loadCycle(people, departmentIds));
    }
    return { accounts: people.accounts, ballot, evaluation };
  }

  private async ensureAdmin(): Promise<AuthUser> {
    const email = `admin@${DOMAIN}`;
    const found = await this.dataSource.getRepository(User).findOneBy({ email });
    if (found) {
      return toAuthUser(found);
    }
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    const user = await this.dataSource.transaction((manager) =>
      this.users.createWithin(
        manager,
        null,
        { email, password: DEMO_PASSWORD, displayName: '系统管理员', roles: [Role.Admin] },
        passwordHash,
      ),
    );
    return toAuthUser(user);
  }

  private async ensureDepartments(admin: AuthUser): Promise<Map<DemoDepartment, string>> {
    const existing = await this.departments.byName();
    const ids = new Map<DemoDepartment, string>();
    for (const name of DEPARTMENTS) {
      const department = existing.get(name) ?? (await this.departments.create(admin.id, name));
      ids.set(name, department.id);
    }
    return ids;
  }

  private async ensurePeople(admin: AuthUser, departmentIds: Map<DemoDepartment, string>) {
    const accounts: DemoAccount[] = [
      { role: 'admin 系统管理员', login: `admin@${DOMAIN}`, name: '系统管理员' },
    ];
    const make = async (login: string, name: string, roles: Role[], departmentId?: string) => {
      const found = await this.dataSource.getRepository(User).findOneBy({ email: login });
      const user =
        found ??
        (await this.users.create(admin, {
          email: login,
          password: DEMO_PASSWORD,
          displayName: name,
          roles,
          departmentId: departmentId ?? null,
        }));
      return toAuthUser(user);
    };
    const secretariat = [
      await make(`mishu1@${DOMAIN}`, '人大办 王秘书', [Role.Secretariat]),
      await make(`mishu2@${DOMAIN}`, '人大办 李秘书', [Role.Secretariat]),
    ];
    accounts.push(
      { role: 'secretariat 人大常委会办公室', login: `mishu1@${DOMAIN}`, name: '人大办 王秘书' },
      { role: 'secretariat 人大常委会办公室', login: `mishu2@${DOMAIN}`, name: '人大办 李秘书' },
    );
    const officials = new Map<DemoDepartment, AuthUser>();
    for (const [index, department] of DEPARTMENTS.entries()) {
      const login = `official${index + 1}@${DOMAIN}`;
      const name = `${department} ${demoName(200 + index)}`;
      officials.set(
        department,
        await make(login, name, [Role.Official], departmentIds.get(department)),
      );
      accounts.push({ role: `official 部门工作人员 (${department})`, login, name });
    }
    const deputies: AuthUser[] = [];
    for (let index = 1; index <= DEPUTY_COUNT; index += 1) {
      const login = `deputy${String(index).padStart(2, '0')}@${DOMAIN}`;
      deputies.push(await make(login, `${demoName(index)}代表`, [Role.Deputy, Role.Resident]));
    }
    accounts.push({
      role: `deputy 人大代表 (×${DEPUTY_COUNT})`,
      login: `deputy01…deputy${DEPUTY_COUNT}@${DOMAIN}`,
      name: `${demoName(1)}代表 …`,
    });
    const residents: AuthUser[] = [];
    for (let index = 1; index <= RESIDENT_COUNT; index += 1) {
      const login = `resident${String(index).padStart(2, '0')}@${DOMAIN}`;
      residents.push(await make(login, demoName(100 + index), [Role.Resident]));
    }
    accounts.push({
      role: `resident 居民 (×${RESIDENT_COUNT})`,
      login: `resident01…resident${RESIDENT_COUNT}@${DOMAIN}`,
      name: `${demoName(101)} …`,
    });
    return { accounts, secretariat: secretariat[0], officials, deputies, residents };
  }

  private async loadCycle(
    people: Awaited<ReturnType<DemoLoader['ensurePeople']>>,
    departmentIds: Map<DemoDepartment, string>,
  ): Promise<string> {
    const { secretariat, residents, deputies, officials } = people;
    const cycle = await this.cycles.create(secretariat, {
      year: 2020,
      title: '2020年普陀区民生实事项目',
      region: '普陀区',
      seats: 10,
    });
    await this.cycles.movePhase(secretariat, cycle.id, 'collecting');

    const filed: Proposal[] = [];
    for (const [index, project] of PROJECTS.entries()) {
      const { proposal } = await this.proposals.submit(residents[index], cycle.id, {
        ...project.proposal,
        category: project.candidate.category,
        anonymous: index % 5 === 4,
      });
      filed.push(proposal);
    }
    const submitOther = async (
      author: AuthUser,
      other: {
        title: string;
        description: string;
        location: string;
        category: Proposal['category'];
      },
    ) => (await this.proposals.submit(author, cycle.id, other)).proposal;
    const reserve = await submitOther(residents[12], OTHER_PROPOSALS.reserve);
    const rejected = await submitOther(residents[13], OTHER_PROPOSALS.rejected);
    const duplicate = await submitOther(residents[14], OTHER_PROPOSALS.duplicate);

    // Supports: a stable, uneven spread, so sorting by supports shows something.
    const supporters = [...residents, ...deputies];
    for (const [index, proposal] of [...filed, reserve].entries()) {
      const wanted = 3 + ((index * 7) % 23);
      for (const supporter of supporters.slice(index + 1, index + 1 + wanted)) {
        if (supporter.id !== proposal.authorId) {
          await this.supports.support(supporter, proposal.id);
        }
      }
    }

    await this.cycles.movePhase(secretariat, cycle.id, 'screening');
    for (const proposal of [...filed, reserve]) {
      await this.proposals.review(secretariat, proposal.id, { decision: 'accept' });
    }
    await this.proposals.review(secretariat, rejected.id, {
      decision: 'reject',
      reason: OTHER_PROPOSALS.rejected.reason,
    });
    const water = filed[PROJECTS.findIndex((project) => project.candidate.category === 'water')];
    await this.proposals.review(secretariat, duplicate.id, {
      decision: 'merge',
      mergeIntoId: water.id,
    });

    for (const [index, { candidate }] of PROJECTS.entries()) {
      await this.candidates.create(officials.get(candidate.lead)!, cycle.id, {
        title: candidate.title,
        category: candidate.category,
        summary: `【${candidate.group}】${candidate.summary}`,
        targets: candidate.targets,
        budget: candidate.budget,
        leadDepartmentId: departmentIds.get(candidate.lead)!,
        sourceProposalIds: [filed[index].id],
      });
    }
    await this.cycles.movePhase(secretariat, cycle.id, 'balloting');
    this.logger.log('Loaded the 2020 Putuo cycle: 15 proposals, 12 candidates, now balloting');
    return cycle.id;
  }

  /**
   * The deputies' ballot on the 12 candidates, open, with two thirds of the deputies voted
   * (varied marks, at most 10 `for`), so a demo user can vote as deputy01 and count it.
   */
  private async openBallot(
    people: Awaited<ReturnType<DemoLoader['ensurePeople']>>,
    cycleId: string,
  ): Promise<OpenDemoBallot> {
    const { secretariat, deputies } = people;
    const { ballot, keyShares } = await this.ballots.create(secretariat, cycleId, {
      kind: 'selection',
      scrutineers: 3,
      sharesRequired: 2,
    });
    await this.ballots.open(secretariat, ballot.id);
    for (const [index, deputy] of deputies.entries()) {
      if (index + 1 < FIRST_DEMO_VOTER) {
        continue;
      }
      const choices = ballot.itemIds.map((itemId, item) => ({
        itemId,
        mark:
          (index * 7 + item * 3) % 40 < FOR_QUOTA[item]
            ? 'for'
            : (index + item) % 3 === 0
              ? 'abstain'
              : 'against',
      }));
      let forMarks = 0;
      for (const choice of choices) {
        if (choice.mark === 'for' && ++forMarks > ballot.seats) {
          choice.mark = 'abstain';
        }
      }
      await this.ballots.castVote(deputy, ballot.id, choices);
    }
    this.logger.log('Opened the 2020 ballot with 40 of 60 deputies voted');
    return { id: ballot.id, keyShares, sharesRequired: ballot.sharesRequired };
  }
}

function toAuthUser(user: User): AuthUser {
  return { id: user.id, roles: user.roles, departmentId: user.departmentId };
}
