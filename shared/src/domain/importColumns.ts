/**
 * The columns of a station import file, one row per station (shared: the staff UI lists exactly
 * what the server reads). Headers are matched after removing
 * spaces, a `*` and a bracketed hint (`经度（GCJ-02）` is 经度); the English field names work too.
 *
 * | 列 | field | required | content |
 * |---|---|---|---|
 * | 外部编号 | externalId | yes | the source system's id, unique within an org; a re-import updates the station of that org that has it |
 * | 名称 | name | yes | 2–60 characters |
 * | 地址 | address | yes | 2–120 characters |
 * | 区县 | district | yes | what workers see, e.g. 张家港市 杨舍镇 |
 * | 组织路径 | orgPath | no | e.g. 320000/320500/320582/yangshe, inside the import's org; blank: the import's org |
 * | 经度, 纬度 | lng, lat | yes | decimal degrees |
 * | 坐标系 | crs | no | GCJ-02 (default; 高德/腾讯 maps) or WGS-84 (GPS), converted to GCJ-02 |
 * | 类型 | hostType | yes | 工会自建、银行网点、加油站、商超、社区、企业、机关事业单位、其他 (or the codes) |
 * | 设施 | amenities | no | labels or codes separated by 、，, ; or spaces, e.g. 饮水、卫生间、空调 |
 * | 开放时间 | hours | yes | e.g. 周一至周五 08:00-18:00；周六、周日 09:00-17:00, or 24小时 |
 * | 例外日期 | exceptions | no | e.g. 2026-10-01至2026-10-07 休息（国庆节） |
 * | 开放季节 | season | no | e.g. 06-01至09-30 |
 * | 电话 | phone | no | mobile, landline (0512-58123456) or 400 number |
 * | 最美年份 | bestYears | no | e.g. 2023、2024 |
 *
 * A row's station is the one holding its 外部编号 in its 组织路径 (blank: the import's org), or else
 * the one holding it in the import's org, which the row then moves down to its 组织路径. External ids
 * are unique per org, so two towns may both have a station 001; a station of another org is never
 * matched, and never revealed.
 *
 * When updating, a column left out of the file keeps the stored value; a column present with an
 * empty cell clears the optional field (设施, 例外日期, 开放季节, 电话, 最美年份), as leaving a field
 * out of an edit does. 外部编号 is the row's key, so it cannot be cleared by import (edit the station).
 */
/**
 * One column of an import file (stations, households): the header staff write, the other names it
 * may go by, and what the staff UI and the template show about it.
 */
export interface ImportColumn<K extends string = string> {
  readonly key: K;
  readonly label: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  readonly example: string;
  readonly note: string;
}

export const importColumns = [
  {
    key: 'externalId',
    label: '外部编号',
    aliases: ['externalid', 'external_id', '编号', '驿站编号'],
    required: true,
    example: '示例-0001',
    note: '原台账编号；再次导入时按它更新',
  },
  {
    key: 'name',
    label: '名称',
    aliases: ['name', '驿站名称', '站点名称'],
    required: true,
    example: '杨舍镇环卫工人爱心驿站',
    note: '2–60 个字',
  },
  {
    key: 'address',
    label: '地址',
    aliases: ['address', '详细地址'],
    required: true,
    example: '张家港市杨舍镇人民中路 88 号',
    note: '',
  },
  {
    key: 'district',
    label: '区县',
    aliases: ['district', '所在区县', '区域'],
    required: true,
    example: '张家港市 杨舍镇',
    note: '职工看到的区域',
  },
  {
    key: 'orgPath',
    label: '组织路径',
    aliases: ['orgpath', '所属组织'],
    required: false,
    example: '320000/320500/320582',
    note: '不填为本级工会',
  },
  {
    key: 'lng',
    label: '经度',
    aliases: ['lng', 'longitude', 'lon'],
    required: true,
    example: '120.5532',
    note: '小数',
  },
  {
    key: 'lat',
    label: '纬度',
    aliases: ['lat', 'latitude'],
    required: true,
    example: '31.8765',
    note: '小数',
  },
  {
    key: 'crs',
    label: '坐标系',
    aliases: ['crs', 'coordsystem', 'coordinatesystem'],
    required: false,
    example: 'GCJ-02',
    note: 'GCJ-02（默认）或 WGS-84',
  },
  {
    key: 'hostType',
    label: '类型',
    aliases: ['hosttype', '驿站类型', '依托单位类型'],
    required: true,
    example: '银行网点',
    note: '工会自建、银行网点、加油站、商超、社区、企业、机关事业单位、其他',
  },
  {
    key: 'amenities',
    label: '设施',
    aliases: ['amenities', '服务设施'],
    required: false,
    example: '饮水、卫生间、空调',
    note: '用“、”分隔',
  },
  {
    key: 'hours',
    label: '开放时间',
    aliases: ['hours', 'weekly', 'openinghours'],
    required: true,
    example: '周一至周五 08:00-18:00；周六、周日 09:00-17:00',
    note: '或 24小时',
  },
  {
    key: 'exceptions',
    label: '例外日期',
    aliases: ['exceptions'],
    required: false,
    example: '2026-10-01至2026-10-07 休息（国庆节）',
    note: '',
  },
  {
    key: 'season',
    label: '开放季节',
    aliases: ['season'],
    required: false,
    example: '06-01至09-30',
    note: '',
  },
  {
    key: 'phone',
    label: '电话',
    aliases: ['phone', '联系电话'],
    required: false,
    example: '0512-58123456',
    note: '',
  },
  {
    key: 'bestYears',
    label: '最美年份',
    aliases: ['bestyears', '最美驿站年份'],
    required: false,
    example: '2023、2024',
    note: '',
  },
] as const satisfies readonly ImportColumn[];

export type ImportColumnKey = (typeof importColumns)[number]['key'];
