import type { OrgNode } from '@ankang/shared';
import { View } from '@tarojs/components';
import { DistrictPicker } from './DistrictPicker';

export interface StaffDistrictFilterProps {
  /** The page's block: the row carries `${block}__districts`. */
  block: string;
  /** The unions in the caller's scope; with only one there is nothing to pick. */
  orgs: OrgNode[];
  /** undefined: 全部地区 (the caller's whole scope). */
  selected: string | undefined;
  onPick: (path: string | undefined) => void;
}

/** 全部地区 or one union of the caller's scope, to narrow a staff queue to. */
export function StaffDistrictFilter({ block, orgs, selected, onPick }: StaffDistrictFilterProps) {
  if (orgs.length <= 1) return null;
  const districts = [
    { path: '', name: '全部地区', region: '本级及下级', parentPath: null },
    ...orgs.map(({ path, name, region, parentPath }) => ({ path, name, region, parentPath })),
  ];
  return (
    <View className={`${block}__districts`}>
      <DistrictPicker
        districts={districts}
        selected={selected ?? ''}
        onPick={(path) => onPick(path || undefined)}
      />
    </View>
  );
}
