import { exportFormatLabels } from '@ankang/shared';
import { Button, Dialog, Progress } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useDeliveryExport } from '../hooks/useDeliveryExport';
import { reportDownloadLabel } from '../platform/reportDownload';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import { ErrorBanner } from './ErrorBanner';
import './StaffDeliveryExport.scss';

export interface StaffDeliveryExportProps {
  campaignId: string;
  /** The org subtree the dashboard shows; the report covers the same. */
  orgPath?: string;
}

const formatChoices = choicesOf(exportFormatLabels);

function percentOf(progress: { rows: number; total: number }): number {
  return progress.total === 0 ? 100 : Math.min(100, Math.round((progress.rows / progress.total) * 100));
}

/** 重新导出: back to the format choice (the main action after a failure, else a quiet one). */
function AgainButton({ primary = false, onClick }: { primary?: boolean; onClick: () => void }) {
  return (
    <Button
      className="staff-export__again"
      // Only what differs is set: NutUI fills in its defaults for what is left out.
      {...(primary ? { type: 'primary' as const } : { fill: 'outline' as const })}
      size="large"
      block
      onClick={onClick}
    >
      重新导出
    </Button>
  );
}

/**
 * 导出报表: the union's report of a campaign (汇总 + 明细 sheets) as XLSX or CSV for the subtree the
 * dashboard shows. A small report is ready at once; a large one is written by a job while a
 * progress bar counts its rows; then it is downloaded (H5) or opened in WeChat.
 */
export function StaffDeliveryExport({ campaignId, orgPath }: StaffDeliveryExportProps) {
  const [open, setOpen] = useState(false);
  const report = useDeliveryExport(campaignId, orgPath);
  const { current, error } = report;
  const close = () => {
    setOpen(false);
    // A finished export is done with; a running one keeps going on the server and can be reopened.
    if (current?.status !== 'running') report.reset();
  };

  return (
    <>
      <Button className="staff-export__open" type="primary" onClick={() => setOpen(true)}>
        导出报表
      </Button>
      <Dialog
        className="staff-export"
        visible={open}
        title="导出配送报表"
        hideConfirmButton
        cancelText="关闭"
        onCancel={close}
        onClose={() => undefined}
        closeOnOverlayClick={false}
      >
        <View className="staff-export__body">
          {!current ? (
            <>
              <Text className="staff-export__hint">
                汇总表（与看板一致）和明细表（每条配送与发放一行），范围与看板当前所选组织相同。
              </Text>
              <ChoiceChips choices={formatChoices} selected={[report.format]} onToggle={report.setFormat} />
              <Text className="staff-export__hint">CSV 只含明细表，可用 Excel 或 WPS 打开。</Text>
              <Button
                className="staff-export__start"
                type="primary"
                size="large"
                block
                loading={report.starting}
                disabled={report.starting}
                onClick={() => void report.start()}
              >
                {error ? '重试' : '开始导出'}
              </Button>
            </>
          ) : current.status === 'running' ? (
            <>
              <Text className="staff-export__status">正在生成报表…</Text>
              <Progress
                className="staff-export__bar"
                percent={percentOf(current.progress)}
                color="#1f7a5c"
                background="#e3f2ec"
                strokeWidth="12"
                showText={false}
              />
              <Text className="staff-export__rows">
                {`已处理 ${current.progress.rows} / ${current.progress.total} 条`}
              </Text>
              <Text className="staff-export__hint">数据较多，在后台生成；可关闭此窗口，稍后再打开查看。</Text>
              {error ? (
                // Polling gave up (the export expired, or the network stayed down): start over.
                <AgainButton onClick={report.reset} />
              ) : null}
            </>
          ) : current.status === 'ready' ? (
            <>
              <Text className="staff-export__status staff-export__status--done">报表已生成</Text>
              <Text className="staff-export__file">{current.fileName}</Text>
              <Text className="staff-export__rows">{`共 ${current.progress.rows} 条明细`}</Text>
              <Button
                className="staff-export__download"
                type="primary"
                size="large"
                block
                loading={report.downloading}
                disabled={report.downloading}
                onClick={() => void report.download()}
              >
                {reportDownloadLabel(current.format)}
              </Button>
              <AgainButton onClick={report.reset} />
            </>
          ) : (
            <>
              <Text className="staff-export__status staff-export__status--failed">
                {current.reason ?? '导出失败'}
              </Text>
              <AgainButton primary onClick={report.reset} />
            </>
          )}
          {error ? <ErrorBanner error={error} onRetry={current ? report.resume : undefined} /> : null}
        </View>
      </Dialog>
    </>
  );
}
