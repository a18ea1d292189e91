import { describe, expect, it } from 'vitest';
import { regionSchema } from './api/catalog';
import { findRegion, regions } from './regions';

describe('regions', () => {
  it('lists the eight Tencent data centres and the sandbox', () => {
    expect(regions.map((r) => r.id)).toEqual([
      'china',
      'singapore',
      'seoul',
      'tokyo',
      'frankfurt',
      'mumbai',
      'silicon-valley',
      'jakarta',
      'sandbox',
    ]);
    for (const r of regions) expect(regionSchema.safeParse(r).success, r.id).toBe(true);
  });

  it('uses the documented primary and backup domains', () => {
    const domains = Object.fromEntries(regions.map((r) => [r.id, [r.domain, r.backupDomain]]));
    expect(domains).toEqual({
      china: ['console.tim.qq.com', 'adminapi.my-imcloud.com'],
      singapore: ['adminapisgp.im.qcloud.com', 'adminapisgp.my-imcloud.com'],
      seoul: ['adminapikr.im.qcloud.com', 'adminapikr.my-imcloud.com'],
      tokyo: ['adminapijpn.im.qcloud.com', 'adminapijpn.my-imcloud.com'],
      frankfurt: ['adminapiger.im.qcloud.com', 'adminapiger.my-imcloud.com'],
      mumbai: ['adminapiind.im.qcloud.com', 'adminapiind.my-imcloud.com'],
      'silicon-valley': ['adminapiusa.im.qcloud.com', 'adminapiusa.my-imcloud.com'],
      jakarta: ['adminapiidn.im.qcloud.com', 'adminapiidn.my-imcloud.com'],
      sandbox: [null, null],
    });
  });

  it('flags Mumbai as closed and the Tokyo backup domain as unverified', () => {
    expect(regions.filter((r) => r.closedToNewApps).map((r) => r.id)).toEqual(['mumbai']);
    expect(regions.filter((r) => !r.backupDomainVerified).map((r) => r.id)).toEqual(['tokyo']);
  });

  it('finds a region by id and nothing for an unknown id', () => {
    expect(findRegion('frankfurt')?.label).toBe('Frankfurt');
    expect(findRegion('atlantis')).toBeUndefined();
  });
});
