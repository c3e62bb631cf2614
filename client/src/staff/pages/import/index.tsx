import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { buttonA11y } from '../../../components/buttonA11y';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { OrgChips } from '../../../components/OrgChips';
import { StaffImportColumns } from '../../../components/StaffImportColumns';
import { StaffImportIssues } from '../../../components/StaffImportIssues';
import { StaffImportSteps } from '../../../components/StaffImportSteps';
import { StaffImportSummary } from '../../../components/StaffImportSummary';
import { StateView } from '../../../components/StateView';
import { useImportOrgs } from '../../../hooks/useImportOrgs';
import { useImportTemplate } from '../../../hooks/useImportTemplate';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStationImport } from '../../../hooks/useStationImport';
import { fileSourceHint } from '../../../platform/fileChooser';
import { importModeOf } from '../../../services/importModes';
import { openPage } from '../../../services/navigation';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';

/**
 * 批量导入: the union to import into, picked by name (the caller's own or one below it), a template
 * to download, then a dry run (counts and per-row issues) and 确认导入. Stations, or with
 * `?kind=households` 导入困难职工档案 (the household columns, the same steps).
 */
export default function StaffImportPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const ownPath = gate.kind === 'allowed' ? gate.me.org?.path : undefined;
  const mode = importModeOf(useRouter().params.kind);
  const target = useImportOrgs(ownPath);
  const orgPath = target.orgPath;
  const job = useStationImport(orgPath, mode.run);
  const template = useImportTemplate();

  useEffect(() => {
    if (mode.title) void Taro.setNavigationBarTitle({ title: mode.title });
  }, [mode.title]);

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="staff-import"
      />
    );
  }
  if (!orgPath) {
    return (
      <StateView
        tone="info"
        title="未关联工会组织"
        description="批量导入需要您所在的工会组织，请联系管理员。"
      />
    );
  }

  const { result, step } = job;
  const finished = step === 4 && result && !result.dryRun;
  const canConfirm = step === 3 && result?.dryRun && result.valid > 0;

  return (
    <View className="page page--form staff-import">
      {target.orgs.length > 1 ? (
        <View className="staff-import__card staff-import__target">
          <Text className="staff-import__label">导入到哪个工会</Text>
          <OrgChips
            label="导入到哪个工会"
            orgs={target.orgs}
            picked={orgPath}
            onPick={(path) => {
              // The real import is on its way for this union: its outcome must show under it.
              if (job.busy && step === 4) {
                void Taro.showToast({ title: '正在导入，完成后再切换工会', icon: 'none' });
                return;
              }
              // Another union is another import: the checked file's result no longer applies.
              if (path !== orgPath) job.reset();
              target.pick(path);
            }}
          />
          <Text className="staff-import__hint">文件里“组织路径”留空的行都导入到这个工会。</Text>
        </View>
      ) : null}
      <View className="staff-import__card">
        <Text className="staff-import__file">
          {job.fileName ? `文件：${job.fileName}` : '请选择要导入的 CSV 或 Excel（.xlsx）文件'}
        </Text>
        <Button
          className="staff-import__choose"
          type="primary"
          fill={job.fileName ? 'outline' : 'solid'}
          size="large"
          block
          {...buttonA11y(job.choose, job.busy)}
          disabled={job.busy}
        >
          {job.fileName ? '重新选择文件' : '选择文件'}
        </Button>
        <Text className="staff-import__hint">{fileSourceHint}；最大 4 MB。</Text>
        {mode.template ? (
          <Button
            className="staff-import__template"
            type="primary"
            fill="none"
            block
            {...buttonA11y(template.download, template.busy)}
            loading={template.busy}
          >
            下载导入模板（Excel）
          </Button>
        ) : null}
        {step > 0 ? <StaffImportSteps step={step} busy={job.busy} /> : null}
        {job.problem ? <Text className="staff-import__problem">{job.problem}</Text> : null}
      </View>
      {job.error ? <ErrorBanner error={job.error} /> : null}

      {result ? (
        <>
          {finished ? (
            <Text className="staff-import__done">导入完成</Text>
          ) : (
            <Text className="staff-import__section">校验结果（尚未保存）</Text>
          )}
          <StaffImportSummary result={result} />
          <StaffImportIssues issues={result.issues} />
          <View className="staff-import__actions">
            {canConfirm ? (
              <Button
                className="staff-import__confirm"
                type="primary"
                size="large"
                block
                {...buttonA11y(job.confirm, job.busy)}
                loading={job.busy}
              >
                确认导入 {result.valid} 行
              </Button>
            ) : null}
            {step === 3 && result.dryRun && result.valid === 0 ? (
              <Text className="staff-import__problem">
                没有可导入的行，请按上面的问题修改文件后重新选择。
              </Text>
            ) : null}
            {finished ? (
              <Button type="primary" size="large" block {...buttonA11y(() => void openPage(mode.done.url))}>
                {mode.done.label}
              </Button>
            ) : null}
          </View>
        </>
      ) : null}

      <Text className="staff-import__section">文件格式</Text>
      <StaffImportColumns columns={mode.columns} intro={mode.intro} />
    </View>
  );
}
