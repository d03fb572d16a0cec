import { chromiumCandidates, chromiumExecutable } from '../support/chromium';

describe('finding the Chromium the browser tests drive', () => {
  test('given GONGZHI_CHROMIUM naming a missing file, when looking for Chromium, then it fails in Chinese and English naming the variable', () => {
    expect(() => chromiumExecutable({ GONGZHI_CHROMIUM: '/nowhere/chromium' })).toThrow(
      expect.objectContaining({
        name: 'ChromiumMissingError',
        message: expect.stringMatching(
          /GONGZHI_CHROMIUM=\/nowhere\/chromium 不存在.* \/ GONGZHI_CHROMIUM=\/nowhere\/chromium does not exist/,
        ),
      }),
    );
  });

  test('given GONGZHI_CHROMIUM naming an executable, when looking for Chromium, then that one is used', () => {
    expect(chromiumExecutable({ GONGZHI_CHROMIUM: process.execPath })).toBe(process.execPath);
  });

  test("given no setting, when looking for Chromium on this machine, then Debian's binary is found (browser tests never skip)", () => {
    expect(chromiumCandidates).toContain(chromiumExecutable({}));
  });
});
