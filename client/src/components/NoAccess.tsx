import { StateView } from './StateView';

export interface NoAccessProps {
  /** Who the page is for, e.g. 志愿者. */
  audience: string;
  signedIn: boolean;
  onBack: () => void;
  onSignIn: () => void;
}

/** A friendly dead end: says who the page is for and how to get out. */
export function NoAccess({ audience, signedIn, onBack, onSignIn }: NoAccessProps) {
  if (!signedIn) {
    return (
      <StateView
        tone="locked"
        title="请先登录"
        description={`此页面仅对${audience}开放，登录后即可查看。`}
        actions={[
          { text: '去登录', onClick: onSignIn },
          { text: '返回', onClick: onBack, primary: false },
        ]}
      />
    );
  }
  return (
    <StateView
      tone="locked"
      title="无权限访问"
      description={`此页面仅对${audience}开放。如需开通，请联系您所在的工会。`}
      actions={[{ text: '返回', onClick: onBack }]}
    />
  );
}
