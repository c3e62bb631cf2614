import {
  type Assignment,
  halfDayLabels,
  isWithinOrg,
  type VolunteerSignup,
  type WorksiteSignup,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PagedList as PagedRows } from '../hooks/usePagedList';
import type { ApiError } from '../services/errors';
import { monthDay } from '../services/outreachDates';
import { ChoiceChips } from './ChoiceChips';
import { PagedList, pagingOf } from './PagedList';
import { StateView } from './StateView';
import './StaffAssignmentPicker.scss';

export type HalfDay = 'am' | 'pm';

/** What to do about the refusals the board explains in place. */
const errorHints: Partial<Record<string, string>> = {
  NOT_APPROVED: '请先在“报名审核”中通过该工地和志愿者的报名，再分配任务。',
  ALREADY_ASSIGNED: '看板已刷新：可对该工地已有的任务“改派”，或换一个时段。',
  VOLUNTEER_UNAVAILABLE: '请换一位在这个时段报名服务、且没有其他任务的志愿者。',
};

export interface StaffAssignmentPickerProps {
  /** 分配: a site and a volunteer; 改派: another volunteer for `task`. */
  task?: Assignment;
  date: string;
  slot: HalfDay;
  onSlot: (slot: HalfDay) => void;
  sites: PagedRows<WorksiteSignup>;
  volunteers: PagedRows<VolunteerSignup>;
  /** Sites with a live task in this half day, and volunteers busy in it (from the board). */
  takenSites: ReadonlySet<string>;
  busyVolunteers: ReadonlySet<string>;
  error: ApiError | null;
  busy: boolean;
  onConfirm: (choice: { worksiteSignupId: string; volunteerSignupId: string }) => void;
  onClose: () => void;
}

const availableIn = (volunteer: VolunteerSignup, date: string, slot: HalfDay) =>
  volunteer.availability.some((a) => a.date === date && a.slot === slot);

/**
 * 分配任务 / 改派: pick an approved site (分配 only) and an approved volunteer who signed up for this
 * half day and has no other task in it; volunteers serving the site's district come first.
 */
export function StaffAssignmentPicker(props: StaffAssignmentPickerProps) {
  const { task, date, slot, sites, volunteers, takenSites, busyVolunteers, error } = props;
  const [siteId, setSiteId] = useState<string | null>(task?.worksiteSignupId ?? null);
  const [volunteerId, setVolunteerId] = useState<string | null>(null);
  const site = sites.items.find((s) => s.id === siteId);
  const siteOrg = site?.orgPath;
  const nearby = (v: VolunteerSignup) => Boolean(siteOrg && v.districts.some((d) => isWithinOrg(siteOrg, d)));
  const free = volunteers.items
    .filter(
      (v) => availableIn(v, date, slot) && !busyVolunteers.has(v.id) && v.id !== task?.volunteerSignupId,
    )
    .sort((a, b) => Number(nearby(b)) - Number(nearby(a)));
  // Only what is still ticked on screen: a reload or another half day can take the site or the
  // volunteer picked before, and their rows then show them unticked.
  const ready =
    Boolean(siteId && (task || !takenSites.has(siteId))) && free.some((v) => v.id === volunteerId);
  const hint = error ? errorHints[error.code] : undefined;

  const row = (key: string, on: boolean, title: string, meta: string, onClick?: () => void) => (
    <View
      key={key}
      data-id={key}
      className={`staff-assignment-picker__row${on ? ' staff-assignment-picker__row--on' : ''}${onClick ? '' : ' staff-assignment-picker__row--off'}`}
      // Always bound (a taken site's row does nothing): Taro's weapp runtime fails when a node loses
      // its only handler, and a row can turn from free to taken when the board reloads.
      onClick={() => onClick?.()}
    >
      <Text className="staff-assignment-picker__row-title">{on ? `✓ ${title}` : title}</Text>
      <Text className="staff-assignment-picker__row-meta">{meta}</Text>
    </View>
  );

  return (
    <View className="staff-assignment-picker">
      <Text className="staff-assignment-picker__title">
        {task ? `改派 · ${task.site.siteName}` : '分配任务'} · {monthDay(date)}
        {halfDayLabels[slot]}
      </Text>
      {task ? (
        <Text className="staff-assignment-picker__note">
          当前志愿者：{task.volunteerName}（将记入改派记录）
        </Text>
      ) : (
        <>
          <Text className="staff-assignment-picker__step">1. 时段</Text>
          <ChoiceChips
            choices={[
              { value: 'am', label: '上午' },
              { value: 'pm', label: '下午' },
            ]}
            selected={[slot]}
            onToggle={(value: HalfDay) => {
              props.onSlot(value);
              setVolunteerId(null);
            }}
          />
          <Text className="staff-assignment-picker__step">2. 已通过的工地</Text>
          <PagedList
            {...pagingOf(sites)}
            loadingTitle="正在加载工地…"
            errorTitle="工地加载失败"
            empty={
              <StateView
                tone="empty"
                title="还没有已通过的工地"
                description="请先在报名审核中通过工地报名。"
              />
            }
          >
            {sites.items.map((s) =>
              takenSites.has(s.id)
                ? row(s.id, false, s.siteName, `${s.orgName} · 这个时段已有任务`)
                : row(s.id, s.id === siteId, s.siteName, `${s.orgName} · 户外 ${s.outdoorWorkers} 人`, () =>
                    setSiteId(s.id),
                  ),
            )}
          </PagedList>
        </>
      )}
      <Text className="staff-assignment-picker__step">
        {task ? '选择新的志愿者' : '3. 这个时段有空的志愿者'}
      </Text>
      <PagedList
        count={free.length}
        loading={volunteers.loading}
        loadingMore={volunteers.loadingMore}
        error={volunteers.error}
        onRetry={volunteers.retry}
        hasMore={volunteers.hasMore}
        onLoadMore={volunteers.loadMore}
        loadingTitle="正在加载志愿者…"
        errorTitle="志愿者加载失败"
        empty={
          <StateView
            tone="empty"
            title="这个时段没有可分配的志愿者"
            description="只列出已通过审核、报名了这个半天且没有其他任务的志愿者。"
          />
        }
      >
        {free.map((v) =>
          row(v.id, v.id === volunteerId, v.name, `${nearby(v) ? '同区域 · ' : ''}${v.phoneMasked}`, () =>
            setVolunteerId(v.id),
          ),
        )}
      </PagedList>
      {error ? (
        <View className="staff-assignment-picker__error">
          <Text className="staff-assignment-picker__error-title">{error.message}</Text>
          {hint ? <Text className="staff-assignment-picker__error-hint">{hint}</Text> : null}
        </View>
      ) : null}
      <View className="staff-assignment-picker__actions">
        <Button type="default" size="large" onClick={props.onClose}>
          返回看板
        </Button>
        <Button
          className="staff-assignment-picker__confirm"
          type="primary"
          size="large"
          disabled={!ready}
          loading={props.busy}
          onClick={() => {
            if (siteId && volunteerId)
              props.onConfirm({ worksiteSignupId: siteId, volunteerSignupId: volunteerId });
          }}
        >
          {task ? '确认改派' : '确认分配'}
        </Button>
      </View>
    </View>
  );
}
