import type { SuggestionDraftInput } from '@ankang/shared';
import { suggestionDraftSchema } from '@ankang/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DemoUser, demoUserId, demoUsers } from './demoData';
import { type DemoPhotoStorage, demoPhoto, demoPhotoPng, putDemoPhotos } from './demoPhotos';

const byKey = (key: string) => demoUsers.find((user) => user.key === key)!;

interface DemoSuggestion {
  /**
   * The worker's request id: fixed here, not taken from the list position, so reordering the list
   * never sends a suggestion again (they are the ids earlier seeds derived from positions).
   */
  requestId: string;
  by: string;
  draft: SuggestionDraftInput;
  /** 顾晓东 declines it with this reason (the rest stay pending). */
  declined?: string;
  /** How many drawn photos the worker sent with it (only where the stack has its s3rver). */
  photos?: number;
}

/**
 * Places workers suggested in 大新镇 (GCJ-02, inside its box, each a few hundred metres from the
 * nearest demo station, so 大新镇's union reviews them and none is a near duplicate).
 */
const demoSuggestions: DemoSuggestion[] = [
  {
    requestId: 'demo-suggestion-1',
    by: 'worker-courier',
    draft: {
      name: '大新镇中心菜场快递歇脚点',
      address: '张家港市大新镇新东街菜场北门',
      location: { lng: 120.5262, lat: 31.979 },
      hostType: 'community',
      amenities: ['water', 'charging', 'seating'],
      note: '菜场管理处门口，白天有人，可以接热水、给电瓶车充电。',
    },
  },
  {
    requestId: 'demo-suggestion-2',
    by: 'worker-rider',
    draft: {
      name: '福前路加油站便利店休息区',
      address: '张家港市大新镇福前路与新华路路口',
      location: { lng: 120.512, lat: 31.964 },
      hostType: 'gasStation',
      amenities: ['water', 'toilet', 'aircon', 'microwave'],
      note: '24 小时营业，店员说骑手可以进来歇一会儿。',
    },
  },
  {
    requestId: 'demo-suggestion-3',
    by: 'worker-rider',
    draft: {
      name: '沿江公路桥下空地',
      address: '张家港市大新镇沿江公路大新港区入口附近',
      location: { lng: 120.501, lat: 31.987 },
      amenities: [],
    },
    declined: '桥下空地没有房屋和人员管理，不适合设为驿站；附近的货车司机之家驿站可以歇脚。',
  },
  {
    requestId: 'demo-suggestion-4',
    by: 'worker-builder',
    draft: {
      name: '新华路环卫所饮水点',
      address: '张家港市大新镇新华路 128 号环卫所门口',
      location: { lng: 120.529, lat: 31.97 },
      hostType: 'community',
      amenities: ['water', 'seating', 'toilet'],
      note: '环卫所门口有饮水机和长椅，里面有卫生间，师傅说工地的人也可以来接水、歇脚。',
    },
    photos: 2,
  },
];

/** The photos a demo suggestion was sent with: drawn, landed, owned by its request id, sent by its worker. */
function photosOf(requestId: string, uploaderUserId: string, count: number, at: Date) {
  return Array.from({ length: count }, (_, i) =>
    demoPhoto(
      `ph_demo0suggestion${requestId.replace(/\D/g, '')}0${i}`,
      { kind: 'suggestion', id: requestId },
      uploaderUserId,
      // Water crates by the door: what a 饮水点 looks like in the demo's drawings.
      demoPhotoPng(20 + i),
      at.toISOString(),
    ),
  );
}

function callerOf(user: DemoUser) {
  return {
    userId: demoUserId(user),
    nickname: user.nickname,
    roles: ['worker' as const, ...user.roles],
    orgPath: user.orgPath,
  };
}

/**
 * Suggested stations as `npm start` shows them: three waiting in 大新镇's queue for 顾晓东 (one
 * with two photos, where the stack has its s3rver) and one he declined, each made through the
 * suggestion services (the area found from the point, the photos claimed, the decision recorded as
 * staff record it). Request ids are fixed, so a reseed finds each one stored and calls no service. Returns how many items
 * were new (suggestions and photos).
 */
export async function seedDemoSuggestions(
  db: DynamoDBDocumentClient,
  tableName: string,
  at: Date,
  photoStorage?: DemoPhotoStorage,
): Promise<number> {
  // The services write with the functions' own client (seed.ts set their environment).
  const { createSuggestion, suggestionIdOf } = await import('../src/services/suggestions');
  const { reviewSuggestion } = await import('../src/services/suggestionReview');
  const { getSuggestion } = await import('../src/db/suggestions');
  const staff = callerOf(byKey('staff-daxin'));
  let written = 0;
  // One after another: two suggestions of one person count on the same daily-quota item, and two
  // transactions on it at once would cancel each other.
  for (const { requestId, by, draft, declined, photos = 0 } of demoSuggestions) {
    const caller = callerOf(byKey(by));
    // A later `npm start`: the suggestion (and the photos it claimed) is there, only read.
    let suggestion: { id: string; state: string; version: number } | null = await getSuggestion(
      await suggestionIdOf(caller.userId, requestId),
    );
    if (!suggestion) {
      const sent = photoStorage ? photosOf(requestId, caller.userId, photos, at) : [];
      // Sent before the suggestion, as the app does: the suggestion claims them.
      if (sent.length > 0) written += await putDemoPhotos(db, tableName, photoStorage!, sent);
      ({ suggestion } = await createSuggestion(caller, {
        ...suggestionDraftSchema.parse(draft),
        requestId,
        confirmNearby: false,
        photoIds: sent.map(({ photo }) => photo.id),
      }));
      written += 1;
    }
    if (declined && suggestion.state === 'pending') {
      await reviewSuggestion(staff, suggestion.id, {
        version: suggestion.version,
        decision: 'decline',
        reason: declined,
      });
    }
  }
  return written;
}
