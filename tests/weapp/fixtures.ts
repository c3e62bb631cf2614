import type { Me, Session } from '@ankang/shared';

/** People as GET /me describes them; fresh copies per call so tests cannot leak edits. */
const people = {
  staffZjg: {
    id: 'u_0000000000000000000staff',
    nickname: '李敏',
    roles: ['staff'],
    org: {
      path: '320000/320500/320582',
      name: '张家港市总工会',
      region: '张家港市',
      chain: ['江苏省总工会', '苏州市总工会', '张家港市总工会'],
    },
  },
  volunteer: { id: 'u_000000000000000000volunt', nickname: '赵磊', roles: ['volunteer'], org: null },
  worker: { id: 'u_0000000000000000000worker', nickname: '刘师傅（环卫工）', roles: [], org: null },
} satisfies Record<string, Me>;

export type Person = keyof typeof people;

export function me(person: Person): Me {
  return structuredClone(people[person]);
}

export function session(person: Person, token = `token-${person}`): Session {
  return { token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), me: me(person) };
}
