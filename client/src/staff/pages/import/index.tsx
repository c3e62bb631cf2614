import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { StaffImportColumns } from '../../../components/StaffImportColumns';
import { StaffImportIssues } from '../../../components/StaffImportIssues';
import { StaffImportSteps } from '../../../components/StaffImportSteps';
import { StaffImportSummary } from '../../../components/StaffImportSummary';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStationImport } from '../../../hooks/useStationImport';
import { fileSourceHint } from '../../../platform/fileChooser';
import { importModeOf } from '../../../services/importModes';
import { openPage } from '../../../services/navigation';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';

/**
 * 批量导入: a dry run first (counts and per-row issues), then 确认导入. Stations, or with
 * `?kind=households` 导入困难职工档案 (the household columns, the same steps).
 */
export default function StaffImportPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const orgPath = gate.kind === 'allowed' ? gate.me.org?.path : undefined;
  const mode = importModeOf(useRouter().params.kind);
  const job = useStationImport(orgPath, mode.run);

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
          disabled={job.busy}
          onClick={job.choose}
        >
          {job.fileName ? '重新选择文件' : '选择文件'}
        </Button>
        <Text className="staff-import__hint">{fileSourceHint}；最大 4 MB。</Text>
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
                loading={job.busy}
                onClick={job.confirm}
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
              <Button type="primary" size="large" block onClick={() => void openPage(mode.done.url)}>
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
