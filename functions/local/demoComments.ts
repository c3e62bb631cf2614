import { createHash } from 'node:crypto';
import { shanghaiDate } from '@ankang/shared';
import { commentToItem, heldQueueEntryItem, type StoredComment } from '../src/db/stationCommentItems';
import { demoStationId, demoStations } from './demoStations';

const DAY_MS = 86_400_000;

interface DemoComment {
  externalId: string;
  stars: number;
  tags: StoredComment['tags'];
  comment: string;
  daysAgo: number;
  /** Held for staff review (why), else public. */
  held?: 'review' | 'unreachable';
}

/**
 * Comments workers left on demo stations: public ones on the 杨舍镇, bank and 金鸡湖 stations'
 * pages, and two waiting in 顾晓东's 评论审核 (大新镇) because WeChat's check did not clear them.
 */
const specs: DemoComment[] = [
  {
    externalId: 'ZJG-0001',
    stars: 5,
    tags: ['cool', 'waterOk'],
    comment: '空调很足，热水冷水都有，中午来歇脚很舒服。',
    daysAgo: 1,
  },
  {
    externalId: 'ZJG-0001',
    stars: 4,
    tags: ['friendly'],
    comment: '工作人员很热情，还给了藿香正气水。',
    daysAgo: 3,
  },
  {
    externalId: 'ZJG-0001',
    stars: 3,
    tags: ['crowded'],
    comment: '饭点人比较多，微波炉要排队。',
    daysAgo: 6,
  },
  {
    externalId: 'ZJG-0002',
    stars: 5,
    tags: ['clean'],
    comment: '银行网点里的驿站，干净，可以充电。',
    daysAgo: 2,
  },
  {
    externalId: 'SIP-0001',
    stars: 4,
    tags: ['easyToFind'],
    comment: '就在路口，好找，有卫生间。',
    daysAgo: 4,
  },
  {
    externalId: 'ZJG-0020',
    stars: 2,
    tags: ['facilitiesBroken'],
    comment: '饮水机坏了好几天了，希望尽快修一下。',
    daysAgo: 1,
    held: 'unreachable',
  },
  {
    externalId: 'ZJG-0021',
    stars: 4,
    tags: [],
    comment: '门口停电动车的地方有点挤，别的都挺好。',
    daysAgo: 2,
    held: 'review',
  },
];

/**
 * The demo comments' items, and the queue entry of each station with held ones; ids are fixed per
 * comment, so seeding again changes nothing.
 */
export function demoCommentItems(now: Date): Record<string, unknown>[] {
  const stations = new Map(demoStations(now).map((station) => [station.id, station]));
  const comments = specs.map((spec, index): StoredComment => {
    const station = stations.get(demoStationId(spec.externalId))!;
    const at = new Date(now.getTime() - spec.daysAgo * DAY_MS);
    return {
      id: `cm_${createHash('sha256').update(`demo-comment:${index}`).digest('hex').slice(0, 32)}`,
      stationId: station.id,
      stationName: station.name,
      stars: spec.stars,
      tags: spec.tags,
      comment: spec.comment,
      date: shanghaiDate(at),
      ...(spec.held ? { state: 'held', heldBecause: spec.held } : { state: 'public' }),
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      version: 1,
      expiresAt: Math.floor(at.getTime() / 1000) + 183 * 86_400,
    };
  });
  const held = new Map<string, StoredComment[]>();
  for (const comment of comments.filter((one) => one.state === 'held'))
    held.set(comment.stationId, [...(held.get(comment.stationId) ?? []), comment]);
  // Each entry as holds leave it: made when its oldest comment was held, living as long as its newest.
  const entries = [...held].map(([stationId, ofStation]) =>
    heldQueueEntryItem(
      stations.get(stationId)!,
      ofStation.map((comment) => comment.createdAt).sort()[0]!,
      Math.max(...ofStation.map((comment) => comment.expiresAt)),
      ofStation.length,
    ),
  );
  return [...comments.map(commentToItem), ...entries];
}
