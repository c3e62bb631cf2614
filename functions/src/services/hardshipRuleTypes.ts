import type { Employment, HardshipPolicy, HardshipStatus, MemberRelation, Visit } from '@ankang/shared';

/** The inputs and answers of the monitoring rules (hardshipRuleChecks, hardshipRuleEvaluation). */

/** What the rules read of a visit: a stored record and a visit view both fit. */
export type RuleVisit = Pick<
  Visit,
  | 'id'
  | 'visitedOn'
  | 'createdAt'
  | 'perCapitaMonthlyFen'
  | 'annualIncomeFen'
  | 'earners'
  | 'illnessOrAccident'
  | 'largeSpending'
  | 'risk'
  | 'corrects'
  | 'povertyLineFen'
>;

/** What the rules read of a file. */
export interface RuleFile {
  id: string;
  status: HardshipStatus;
  exitDate?: string | undefined;
  /** ISO instant the file was created: the cadence counts from its Shanghai date until a first visit. */
  createdAt: string;
}

/** The 低保 line a figure was compared with (its start date when the caller knows it). */
export interface LineUsed {
  monthlyFen: number;
  effectiveFrom?: string;
}

/** A visit in effect, with the line in force on its date (none when no org above has set one). */
export type SeenVisit = RuleVisit & { line?: LineUsed | undefined };

export interface VisitRef {
  visitId: string;
  visitedOn: string;
}

export interface RuleContext {
  file: RuleFile;
  /** Visits in effect, oldest first. */
  history: readonly SeenVisit[];
  policy: HardshipPolicy;
  /** Today in Asia/Shanghai. */
  today: string;
}

export type RuleAlert =
  | {
      rule: 'belowPovertyLine';
      severity: 'high';
      evidence: { visit: VisitRef; perCapitaMonthlyFen: number; povertyLine: LineUsed };
    }
  | {
      rule: 'belowRelativeLine';
      severity: 'medium';
      evidence: {
        visit: VisitRef;
        perCapitaMonthlyFen: number;
        povertyLine: LineUsed;
        relativeMultiple: number;
        relativeLineFen: number;
      };
    }
  | {
      rule: 'incomeDrop';
      severity: 'medium';
      evidence: {
        visit: VisitRef;
        previousVisit: VisitRef;
        perCapitaMonthlyFen: number;
        previousPerCapitaMonthlyFen: number;
        /** The fall as a percentage of the previous figure, to two decimals (rounded down). */
        dropPercent: number;
        thresholdPercent: number;
      };
    }
  | {
      rule: 'earnerUnemployed';
      severity: 'medium';
      evidence: {
        visit: VisitRef;
        previousVisit?: VisitRef;
        earners: { relation: MemberRelation; previousEmployment?: Employment; reportedChanged: boolean }[];
      };
    }
  | {
      rule: 'medicalBurden';
      severity: 'high';
      evidence: {
        visit: VisitRef;
        incidentCostFen: number;
        medicalSpendingFen: number;
        totalCostFen: number;
        annualIncomeFen: number;
        shareOfIncome: number;
        thresholdFen: number;
      };
    }
  | {
      rule: 'visitOverdue';
      severity: 'low';
      evidence: {
        lastVisit?: VisitRef;
        /** The last visit's date, or the file's creation date when it has none. */
        countedFrom: string;
        cadence: 'afterHigh' | 'recentExit' | 'active';
        cadenceDays: number;
        dueOn: string;
        daysOverdue: number;
      };
    }
  | {
      rule: 'monitoringWindowEnding';
      severity: 'task';
      /** Days left until the window ends (0 once it has). */
      dueDays: number;
      evidence: { exitDate: string; monitoringMonths: number; windowEndsOn: string; daysLeft: number };
    }
  | {
      rule: 'exitReview';
      severity: 'task';
      evidence: {
        months: number;
        runFrom: VisitRef;
        latestVisit: VisitRef;
        visits: (VisitRef & { perCapitaMonthlyFen: number; povertyLineFen: number })[];
      };
    };
