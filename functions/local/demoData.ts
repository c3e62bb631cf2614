import type { OrgNode, Role } from '@ankang/shared';
import { userIdForOpenid } from '../src/lib/ids';

/** The demo org tree: 江苏 › 苏州 › 张家港 › 大新镇, and 苏州工业园区 beside 张家港. */
export const demoOrgs: OrgNode[] = [
  { path: '320000', name: '江苏省总工会', region: '江苏省', level: 'province', parentPath: null },
  { path: '320000/320500', name: '苏州市总工会', region: '苏州市', level: 'city', parentPath: '320000' },
  {
    path: '320000/320500/320582',
    name: '张家港市总工会',
    region: '张家港市',
    level: 'county',
    parentPath: '320000/320500',
    // Approximate boxes (GCJ-02): a sign-up's map point must fall inside its district's.
    bounds: { south: 31.72, west: 120.35, north: 32.05, east: 120.85 },
  },
  {
    path: '320000/320500/320582/daxin',
    name: '大新镇工会',
    region: '大新镇',
    level: 'town',
    parentPath: '320000/320500/320582',
    bounds: { south: 31.95, west: 120.45, north: 32.02, east: 120.6 },
  },
  {
    path: '320000/320500/320571',
    name: '苏州工业园区总工会',
    region: '苏州工业园区',
    level: 'county',
    parentPath: '320000/320500',
    bounds: { south: 31.24, west: 120.63, north: 31.41, east: 120.82 },
  },
];

export interface DemoUser {
  /** Stable seed key: the demo user's openid is `demo:<key>`. */
  key: string;
  nickname: string;
  roles: Exclude<Role, 'worker'>[];
  orgPath: string | null;
}

export const demoUsers: DemoUser[] = [
  { key: 'admin', nickname: '周建国', roles: ['admin'], orgPath: '320000' },
  { key: 'staff-js', nickname: '王芳', roles: ['staff'], orgPath: '320000' },
  { key: 'staff-sz', nickname: '陈刚', roles: ['staff'], orgPath: '320000/320500' },
  { key: 'staff-zjg', nickname: '李敏', roles: ['staff'], orgPath: '320000/320500/320582' },
  { key: 'staff-daxin', nickname: '顾晓东', roles: ['staff'], orgPath: '320000/320500/320582/daxin' },
  { key: 'staff-sip', nickname: '沈佳怡', roles: ['staff'], orgPath: '320000/320500/320571' },
  { key: 'volunteer-1', nickname: '赵磊', roles: ['volunteer'], orgPath: null },
  { key: 'volunteer-2', nickname: '钱悦', roles: ['volunteer'], orgPath: null },
  { key: 'volunteer-3', nickname: '孙浩', roles: ['volunteer'], orgPath: null },
  { key: 'worker-sanitation', nickname: '刘师傅（环卫工）', roles: [], orgPath: null },
  { key: 'worker-courier', nickname: '张小伟（快递员）', roles: [], orgPath: null },
  { key: 'worker-rider', nickname: '马骏（外卖骑手）', roles: [], orgPath: null },
  { key: 'worker-builder', nickname: '黄大勇（建筑工人）', roles: [], orgPath: null },
];

/** A demo account's user id, as its first (development) login makes it. */
export function demoUserId(user: Pick<DemoUser, 'key'>): string {
  return userIdForOpenid(`demo:${user.key}`);
}
