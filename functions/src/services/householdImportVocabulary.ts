import {
  type ConsentMethod,
  type ConsentScope,
  consentMethodLabels,
  consentScopeLabels,
  type Employment,
  employmentLabels,
  type HardshipCategory,
  type HardshipCause,
  type HardshipStatus,
  hardshipCategoryLabels,
  hardshipCauseLabels,
  hardshipStatusLabels,
  type MemberCondition,
  type MemberRelation,
  memberConditionLabels,
  memberRelationLabels,
} from '@ankang/shared';
import { vocabulary } from './importVocabulary';

/** Words union ledgers use besides the labels (因病、因残、因学、因灾 are the usual cause words). */
const categorySynonyms: Record<string, HardshipCategory> = {
  深度: 'deep',
  深度困难职工: 'deep',
  相对: 'relative',
  相对困难职工: 'relative',
  意外: 'accident',
  意外致困职工: 'accident',
};

const statusSynonyms: Record<string, HardshipStatus> = {
  在册: 'active',
  帮扶中: 'active',
  脱困: 'exited',
  已解困: 'exited',
  解困脱困: 'exited',
  结束监测: 'closed',
  监测期满: 'closed',
};

const causeSynonyms: Record<string, HardshipCause> = {
  因病: 'illness',
  患病: 'illness',
  大病: 'illness',
  重病: 'illness',
  因残: 'disability',
  因失业: 'unemployment',
  下岗: 'unemployment',
  因学: 'schooling',
  就学: 'schooling',
  子女上学: 'schooling',
  意外: 'accident',
  因意外: 'accident',
  因灾: 'disaster',
  自然灾害: 'disaster',
};

const relationSynonyms: Record<string, MemberRelation> = {
  户主: 'self',
  妻子: 'spouse',
  丈夫: 'spouse',
  妻: 'spouse',
  夫: 'spouse',
  爱人: 'spouse',
  儿子: 'child',
  女儿: 'child',
  子: 'child',
  女: 'child',
  父亲: 'parent',
  母亲: 'parent',
  父: 'parent',
  母: 'parent',
  哥哥: 'sibling',
  弟弟: 'sibling',
  姐姐: 'sibling',
  妹妹: 'sibling',
};

const conditionSynonyms: Record<string, MemberCondition> = {
  良好: 'healthy',
  正常: 'healthy',
  慢病: 'chronic',
  重病: 'serious',
  重大疾病: 'serious',
  残障: 'disabled',
};

const employmentSynonyms: Record<string, Employment> = {
  在职: 'employed',
  务工: 'employed',
  打零工: 'flexible',
  零工: 'flexible',
  无业: 'unemployed',
  下岗: 'unemployed',
  农民: 'farming',
  离退休: 'retired',
  学生: 'student',
  上学: 'student',
  丧失劳动能力: 'unable',
};

const scopeSynonyms: Record<string, ConsentScope> = {
  走访: 'visits',
  入户: 'visits',
  信息核查: 'verification',
  核查: 'verification',
};

const methodSynonyms: Record<string, ConsentMethod> = {
  书面: 'written',
  签字: 'written',
  口头: 'recorded',
  录音: 'recorded',
};

export const categoryByWord = vocabulary(hardshipCategoryLabels, categorySynonyms);
export const statusByWord = vocabulary(hardshipStatusLabels, statusSynonyms);
export const causeByWord = vocabulary(hardshipCauseLabels, causeSynonyms);
export const relationByWord = vocabulary(memberRelationLabels, relationSynonyms);
export const conditionByWord = vocabulary(memberConditionLabels, conditionSynonyms);
export const employmentByWord = vocabulary(employmentLabels, employmentSynonyms);
export const scopeByWord = vocabulary(consentScopeLabels, scopeSynonyms);
export const methodByWord = vocabulary(consentMethodLabels, methodSynonyms);

/** 深度困难、相对困难、意外致困 — the labels, for messages. */
export const labelList = (labels: Record<string, string>) => Object.values(labels).join('、');
