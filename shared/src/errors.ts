import { z } from 'zod';

/**
 * Every failure the API can answer with: a stable code (clients branch on it), the HTTP status,
 * and a Chinese message fit to show a user. Messages never carry internals.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查后重试' },
  MALFORMED_JSON: { status: 400, message: '请求格式不正确' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有执行此操作的权限' },
  OUT_OF_SCOPE: { status: 403, message: '超出您所在工会组织的管理范围' },
  NOT_FOUND: { status: 404, message: '未找到相应内容' },
  USER_NOT_FOUND: { status: 404, message: '未找到该用户' },
  ORG_NOT_FOUND: { status: 404, message: '未找到该工会组织' },
  DEV_LOGIN_DISABLED: { status: 404, message: '开发登录未开启' },
  STATION_NOT_FOUND: { status: 404, message: '未找到该驿站，可能已被删除' },
  PLACE_NOT_FOUND: { status: 404, message: '未找到该地区' },
  CAMPAIGN_NOT_FOUND: { status: 404, message: '未找到该活动' },
  SIGNUP_NOT_FOUND: { status: 404, message: '未找到该报名' },
  ASSIGNMENT_NOT_FOUND: { status: 404, message: '未找到该任务' },
  REPORT_NOT_FOUND: { status: 404, message: '未找到该问题反映' },
  BAD_CURSOR: { status: 400, message: '翻页参数无效，请从第一页重新查询' },
  IMPORT_FILE_INVALID: { status: 400, message: '文件无法读取，请使用模板格式的 CSV 或 XLSX 文件' },
  DUPLICATE_EXTERNAL_ID: { status: 409, message: '外部编号已被其他驿站使用' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能执行此操作' },
  VERSION_CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  TOO_MANY_OPEN_REPORTS: {
    status: 409,
    message: '该驿站待处理的问题反映过多，请先处理后再变更所属组织',
  },
  SIGNUP_CLOSED: { status: 409, message: '该活动当前不在报名时间内' },
  ALREADY_SIGNED_UP: { status: 409, message: '您已报名该活动的志愿者，请等待审核结果' },
  NOT_APPROVED: { status: 409, message: '报名尚未通过审核，不能分配任务' },
  ALREADY_ASSIGNED: { status: 409, message: '该工地在这个时段已有任务，请改派或选择其他时段' },
  VOLUNTEER_UNAVAILABLE: { status: 422, message: '该志愿者这个时段没有报名服务，或已有其他任务' },
  DELIVERY_NOT_FOUND: { status: 404, message: '未找到该配送记录' },
  HANDOUT_NOT_FOUND: { status: 404, message: '未找到该发放记录' },
  PHOTO_NOT_FOUND: { status: 404, message: '未找到该照片' },
  EXPORT_NOT_FOUND: { status: 404, message: '未找到该导出任务，可能已过期' },
  REQUEST_ID_REUSED: { status: 409, message: '该记录编号已用于另一条内容不同的记录，请重新填写提交' },
  NOT_CAMPAIGN_VOLUNTEER: { status: 403, message: '您不是该活动已通过审核的志愿者' },
  NOT_IN_CATALOG: { status: 422, message: '所填物资不在该活动的物资目录中' },
  OUTSIDE_SEASON: { status: 422, message: '时间不在活动期间内，或晚于当前时间' },
  DELIVERY_LOCKED: { status: 409, message: '该记录已审核，不能再修改' },
  ALLOWANCE_EXCEEDED: { status: 409, message: '该职工今日的清凉额度已领完' },
  NO_ALLOWANCE: { status: 409, message: '该活动未设置清凉码发放' },
  COOLING_CODE_INVALID: { status: 400, message: '清凉码无效或已过期，请职工刷新后重新出示' },
  PHOTO_INVALID: { status: 422, message: '照片文件不符合要求（仅支持 JPG、PNG、WebP，不超过 5 MB）' },
  PHOTO_NOT_UPLOADED: { status: 409, message: '照片尚未上传完成，请稍后重试' },
  TOO_MANY_PHOTOS: { status: 409, message: '照片数量已达上限（每条记录最多 3 张）' },
  HARDSHIP_FILE_NOT_FOUND: { status: 404, message: '未找到该困难职工档案' },
  HARDSHIP_FILE_EXISTS: { status: 409, message: '该身份证号码已建档，不能重复建档' },
  VISIT_NOT_FOUND: { status: 404, message: '未找到要更正的走访记录' },
  CASEWORKER_INVALID: { status: 422, message: '所选帮扶责任人不是本辖区的工会工作人员' },
  REVEAL_REASON_REQUIRED: { status: 400, message: '查看完整信息须填写原因' },
  ALERT_NOT_FOUND: { status: 404, message: '未找到该预警' },
  ALERT_TRANSITION_INVALID: { status: 409, message: '该预警当前的状态不能进行此操作，请刷新后查看' },
  ALERT_ASSIGNEE_INVALID: { status: 422, message: '所选处理人不是该户所属工会或其上级工会的工作人员' },
  ALERT_ASSIGNEE_UNCHANGED: { status: 409, message: '该预警已由此人处理，无需转派' },
  ALERT_FILE_MISSING: {
    status: 409,
    message: '该预警所属的困难职工档案已不存在，无法查看或办理，请联系管理员恢复档案',
  },
  INVITE_NOT_FOUND: { status: 404, message: '邀请不存在或已失效，请向邀请人索取新的邀请' },
  INVITE_EXPIRED: { status: 409, message: '邀请已过期，请向邀请人索取新的邀请' },
  INVITE_USED: { status: 409, message: '该邀请已被使用，每个邀请只能接受一次' },
  INVITE_REVOKED: { status: 409, message: '该邀请已被邀请人撤销' },
  INVITER_ROLE_REVOKED: {
    status: 409,
    message: '邀请人已不再担任相应职务，该邀请已失效，请向其他工会干部索取新的邀请',
  },
  INVITE_REQUEST_SPENT: { status: 409, message: '这次生成的邀请已失效并被清除，请重新生成邀请' },
  NOT_BELOW_OWN_ORG: {
    status: 403,
    message: '只能管理下级工会组织的人员和邀请；本级人员请由上级工会或管理员处理',
  },
  ALREADY_STAFF_ELSEWHERE: {
    status: 409,
    message: '您已是另一工会组织的工会干部，须先由该组织撤销后才能接受此邀请',
  },
  ROLE_ALREADY_HELD: { status: 409, message: '您已拥有该角色，无需接受此邀请' },
  ROLE_NOT_HELD: { status: 409, message: '此人当前没有该角色，可能已被撤销，请刷新后查看' },
  CANNOT_REVOKE_SELF: { status: 409, message: '不能撤销自己的角色，请由上级工会或其他管理员操作' },
  SUGGESTION_NOT_FOUND: { status: 404, message: '未找到该建议' },
  STATION_NEARBY: {
    status: 409,
    message: '附近已有驿站，请确认是否为同一地点；如不是，可继续提交',
  },
  SUGGESTION_NO_AREA: {
    status: 422,
    message: '所选位置附近 20 公里内暂无工会组织受理，请确认位置是否正确',
  },
  RATE_LIMITED: { status: 429, message: '提交过于频繁，请稍后再试' },
  SEARCH_RATE_LIMITED: { status: 429, message: '搜索过于频繁，请稍等一分钟再试' },
  WECHAT_CODE_INVALID: { status: 401, message: '微信登录凭证无效或已过期，请重新登录' },
  WECHAT_RATE_LIMITED: { status: 429, message: '登录过于频繁，请稍后再试' },
  WECHAT_USER_BLOCKED: { status: 403, message: '该微信账号存在安全风险，暂时无法登录' },
  /** msgSecCheck judged text meant for others risky: refused, nothing stored. */
  CONTENT_RISKY: { status: 422, message: '内容可能含有不当信息，请修改后再提交' },
  COMMENT_NOT_FOUND: { status: 404, message: '未找到该评论' },
  WECHAT_UNAVAILABLE: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
  SERVICE_BUSY: { status: 503, message: '服务繁忙，请稍后再试' },
  /** A request body larger than its route takes (64 KB unless the contract says more). */
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大，请精简后重试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;
export const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]];

/** One field problem in a 400 answer: where (dotted path) and why (Chinese). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The body of every non-2xx answer. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z
      .object({
        issues: z.array(fieldIssueSchema).optional(),
        requestId: z.string().optional(),
        currentVersion: z.number().optional(),
        /** HARDSHIP_FILE_EXISTS: the file already holding the ID number, when it is in the caller's scope. */
        fileId: z.string().optional(),
        /** STATION_NEARBY: the existing station near the suggested point. */
        nearStation: z.object({ id: z.string(), name: z.string(), distanceM: z.number() }).optional(),
      })
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
