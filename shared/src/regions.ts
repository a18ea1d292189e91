import type { Region } from './api/catalog';

/** Tencent Chat REST API data centres (reference §1), plus the console's built-in sandbox. */
export const regions: readonly Region[] = [
  {
    id: 'china',
    label: 'China',
    domain: 'console.tim.qq.com',
    backupDomain: 'adminapi.my-imcloud.com',
    closedToNewApps: false,
    backupDomainVerified: true,
  },
  {
    id: 'singapore',
    label: 'Singapore',
    domain: 'adminapisgp.im.qcloud.com',
    backupDomain: 'adminapisgp.my-imcloud.com',
    closedToNewApps: false,
    backupDomainVerified: true,
  },
  {
    id: 'seoul',
    label: 'Seoul',
    domain: 'adminapikr.im.qcloud.com',
    backupDomain: 'adminapikr.my-imcloud.com',
    closedToNewApps: false,
    backupDomainVerified: true,
  },
  {
    id: 'tokyo',
    label: 'Tokyo',
    domain: 'adminapijpn.im.qcloud.com',
    // Not published by Tencent; follows the naming pattern of every other region.
    backupDomain: 'adminapijpn.my-imcloud.com',
    closedToNewApps: false,
    backupDomainVerified: false,
  },
  {
    id: 'frankfurt',
    label: 'Frankfurt',
    domain: 'adminapiger.im.qcloud.com',
    backupDomain: 'adminapiger.my-imcloud.com',
    closedToNewApps: false,
    backupDomainVerified: true,
  },
  {
    id: 'mumbai',
    label: 'Mumbai (closed to new apps)',
    domain: 'adminapiind.im.qcloud.com',
    backupDomain: 'adminapiind.my-imcloud.com',
    closedToNewApps: true,
    backupDomainVerified: true,
  },
  {
    id: 'silicon-valley',
    label: 'Silicon Valley',
    domain: 'adminapiusa.im.qcloud.com',
    backupDomain: 'adminapiusa.my-imcloud.com',
    closedToNewApps: false,
    backupDomainVerified: true,
  },
  {
    id: 'jakarta',
    label: 'Jakarta',
    domain: 'adminapiidn.im.qcloud.com',
    // The source excerpt is cut after "adminapiidn.my-imclou"; the completion is unambiguous.
    backupDomain: 'adminapiidn.my-imcloud.com',
    closedToNewApps: false,
    backupDomainVerified: true,
  },
  {
    id: 'sandbox',
    label: 'Built-in sandbox',
    domain: null,
    backupDomain: null,
    closedToNewApps: false,
    backupDomainVerified: true,
  },
];

const byId = new Map<string, Region>(regions.map((r) => [r.id, r]));

export function findRegion(id: string): Region | undefined {
  return byId.get(id);
}
