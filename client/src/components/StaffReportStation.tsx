import type { QueuedProblem } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { openPage } from '../services/navigation';
import { stationRoute } from '../services/routes';
import { editStationUrl } from '../services/staffRoutes';
import { linkA11y } from './buttonA11y';
import './StaffReportStation.scss';

/** The problems of one station, in the order their first one appears in the queue. */
export interface StationProblems {
  stationId: string;
  stationName: string;
  problems: QueuedProblem[];
}

/**
 * A page of problems grouped by station: each station once, where its newest problem stands, with
 * its problems under it. Grouping the loaded list keeps a station together as more pages arrive.
 */
export function groupByStation(problems: readonly QueuedProblem[]): StationProblems[] {
  const groups = new Map<string, StationProblems>();
  for (const problem of problems) {
    const group = groups.get(problem.stationId);
    if (group) group.problems.push(problem);
    else
      groups.set(problem.stationId, {
        stationId: problem.stationId,
        stationName: problem.stationName,
        problems: [problem],
      });
  }
  return [...groups.values()];
}

/** A station's heading in the queue, with the ways to it: its page and its record. */
export function StaffReportStation({ group, children }: { group: StationProblems; children: ReactNode }) {
  return (
    <View className="staff-report-station" data-station={group.stationId}>
      <View className="staff-report-station__head">
        <Text className="staff-report-station__name">{group.stationName}</Text>
        <View
          className="staff-report-station__link"
          {...linkA11y(() => void openPage(stationRoute(group.stationId)))}
        >
          <Text>查看驿站</Text>
        </View>
        <View
          className="staff-report-station__link"
          {...linkA11y(() => void openPage(editStationUrl(group.stationId)))}
        >
          <Text>编辑资料</Text>
        </View>
      </View>
      {children}
    </View>
  );
}
