import type { ReceivedCodeRequest } from '../../functions/local/fakeWechatCodes';

/**
 * What the fake WeChat at `wechatBase` was asked for one scene's mini-program code (every test file
 * shares the fake; each asks about scenes of its own).
 */
export async function codeRequests(wechatBase: string, scene: string): Promise<ReceivedCodeRequest[]> {
  const response = await fetch(`${wechatBase}/__fake/codes?scene=${encodeURIComponent(scene)}`);
  return ((await response.json()) as { requests: ReceivedCodeRequest[] }).requests;
}
