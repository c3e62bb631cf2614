import type { Me } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { CoolingCodeEntry } from '../../../components/CoolingCodeEntry';
import { GateFallback } from '../../../components/GateFallback';
import { HandoutScanResult, type UploadState } from '../../../components/HandoutScanResult';
import { StateView } from '../../../components/StateView';
import { type HandoutLink, useHandoutContext } from '../../../hooks/useHandoutContext';
import { useHandoutScan } from '../../../hooks/useHandoutScan';
import { useRequest } from '../../../hooks/useRequest';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { canScanCamera } from '../../../platform/codeScanner';
import { fetchMyHandouts } from '../../../services/coolingCodes';
import { formatClock } from '../../../services/format';
import { handoutReviewUrl } from '../../../services/handoutRoutes';
import { openPage } from '../../../services/navigation';
import { discardEntry, type OutboxEntry, outboxStateLabels, useOutbox } from '../../../services/outbox';
import './index.scss';

const isHandout = (entry: OutboxEntry) => entry.kind === 'handout';
const param = (value: string | undefined) => (value ? decodeURIComponent(value) : undefined);

/** The scanner itself, for a volunteer or staff member who may hand out in some campaign. */
function Scanner({ me, link }: { me: Me; link: HandoutLink }) {
  const context = useHandoutContext(me, link);
  const [picked, setPicked] = useState(0);
  const choices = context.data?.choices ?? [];
  const choice = choices[picked] ?? choices[0] ?? null;
  const scan = useHandoutScan(choice);
  const outbox = useOutbox(isHandout);
  const campaignId = choice?.campaign.id;
  const sentCount = outbox.entries.filter((e) => e.state === 'sent').length;
  const loadRecent = useCallback(
    () => (campaignId ? fetchMyHandouts(campaignId) : Promise.resolve([])),
    [campaignId],
  );
  const recent = useRequest(loadRecent, {
    enabled: campaignId !== undefined,
    key: `${campaignId}|${sentCount}`,
  });
  const recordedId = scan.result?.kind === 'recorded' ? scan.result.entryId : null;
  const found = outbox.entries.find((e) => e.id === recordedId) ?? null;
  // A live hand-out the server refused for the allowance will never be sent: drop it from the
  // queue (nothing to retry) and keep the refusal on screen.
  const [refused, setRefused] = useState<UploadState | null>(null);
  useEffect(() => {
    if (found?.state === 'failed' && found.error?.code === 'ALLOWANCE_EXCEEDED') {
      setRefused({ id: found.id, state: found.state, error: found.error });
      discardEntry(found.id);
    }
  }, [found]);
  const entry = found ?? (refused && refused.id === recordedId ? refused : null);

  if (!context.data) {
    return context.error ? (
      <StateView
        tone="error"
        title="加载失败"
        description={context.error.message}
        actions={[{ text: '重试', onClick: context.retry }]}
      />
    ) : (
      <StateView tone="loading" title="正在准备扫码…" />
    );
  }
  if (!choice) {
    return (
      <StateView
        tone="empty"
        title="暂无可发放的活动"
        description="您参与的“三送”活动还没有设置清凉码发放，或您的志愿者报名尚未通过审核。"
      />
    );
  }
  const allowance = choice.campaign.coolingAllowance;
  const item = choice.campaign.kinds
    .find((k) => k.code === allowance?.kind)
    ?.items.find((i) => i.code === allowance?.item);

  return (
    <View className="page handout-scan">
      {choices.length > 1 ? (
        <View className="handout-scan__choices">
          <ChoiceChips
            choices={choices.map((c, i) => ({
              value: String(i),
              label: `${c.campaign.title} · ${c.placeLabel}`,
            }))}
            selected={[String(choices.indexOf(choice))]}
            onToggle={(value) => {
              setPicked(Number(value));
              scan.clear();
            }}
          />
        </View>
      ) : null}
      <View className="handout-scan__head">
        <Text className="handout-scan__title">{choice.campaign.title}</Text>
        <Text className="handout-scan__line">
          {`${item?.name ?? '清凉物资'} · 每人每天 ${allowance?.perWorkerPerDay ?? 0} ${item?.unit ?? '份'} · ${choice.placeLabel}`}
        </Text>
        {me.roles.includes('staff') || me.roles.includes('admin') ? (
          <Text
            className="handout-scan__link"
            onClick={() => void openPage(handoutReviewUrl(choice.campaign.id))}
          >
            超额发放审核 ›
          </Text>
        ) : null}
        {context.data.keysReady ? null : (
          <Text className="handout-scan__warning">
            手机上还没有校验密钥：请先联网打开本页一次，之后无网络也能扫码。
          </Text>
        )}
      </View>
      <View className="handout-scan__scan">
        {canScanCamera ? (
          <Button type="primary" size="xlarge" block loading={scan.scanning} onClick={() => void scan.scan()}>
            扫码
          </Button>
        ) : (
          <CoolingCodeEntry onCheck={scan.enter} />
        )}
        <Text className="handout-scan__hint">
          {canScanCamera
            ? '请职工打开“我的 → 清凉码”，对准二维码扫描。'
            : '请用扫码应用识别职工“我的 → 清凉码”中的二维码，把识别出的文字粘贴到这里。'}
        </Text>
      </View>
      {scan.error ? <Text className="handout-scan__warning">{scan.error}</Text> : null}
      {scan.result ? (
        <HandoutScanResult
          result={scan.result}
          itemName={item?.name ?? ''}
          perDay={allowance?.perWorkerPerDay ?? 0}
          entry={entry}
          onRecord={() => void scan.record()}
          onRetry={outbox.retry}
        />
      ) : null}
      {outbox.entries.length > 0 ? (
        <View className="handout-scan__list">
          <Text className="handout-scan__list-title">本机发放记录</Text>
          {outbox.entries
            .slice(-10)
            .reverse()
            .map((e) => (
              <View
                key={e.id}
                className={`handout-scan__row handout-scan__row--${e.state}`}
                onClick={e.state === 'failed' ? () => outbox.retry(e.id) : undefined}
              >
                <Text className="handout-scan__row-label">{e.label}</Text>
                <Text className="handout-scan__row-state">
                  {e.state === 'failed' && e.error ? `${e.error.message}` : outboxStateLabels[e.state]}
                </Text>
              </View>
            ))}
        </View>
      ) : null}
      {recent.data && recent.data.length > 0 ? (
        <View className="handout-scan__list">
          <Text className="handout-scan__list-title">已上传的发放</Text>
          {recent.data.map((h) => (
            <View key={h.id} className="handout-scan__row">
              <Text className="handout-scan__row-label">{`${formatClock(h.handedAt)} · 职工 ${h.workerTag} · ${h.itemName}`}</Text>
              <Text className="handout-scan__row-state">
                {h.flags.includes('overAllowance') ? '超出额度，待审核' : `当日第 ${h.countThatDay} 份`}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** 扫码发放 (volunteers and staff): scan a worker's 清凉码, check it on the phone, record the hand-out. */
export default function HandoutScanPage() {
  const { params } = useRouter();
  const link = useMemo<HandoutLink>(
    () => ({ campaignId: param(params.campaign), taskId: param(params.task) }),
    [params.campaign, params.task],
  );
  const { gate, account } = useRoleGate(['volunteer', 'staff', 'admin']);
  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="志愿者和工会工作人员"
        className="handout-scan"
      />
    );
  }
  return <Scanner me={gate.me} link={link} />;
}
