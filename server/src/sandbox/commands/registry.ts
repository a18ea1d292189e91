import { SANDBOX_NOT_EMULATED } from '@console/shared/error-codes';
import * as accounts from './accounts';
import { getappinfo } from './app-info';
import * as c2c from './c2c';
import * as friends from './friends';
import * as mute from './global-mute';
import * as groups from './groups';
import * as profile from './profile';
import * as recent from './recent-contacts';
import type { CommandFn } from './types';

/** The commands the sandbox emulates, keyed `service/command` as in the catalog. */
export const emulated: ReadonlyMap<string, CommandFn> = new Map<string, CommandFn>([
  ['im_open_login_svc/account_import', accounts.accountImport],
  ['im_open_login_svc/multiaccount_import', accounts.multiaccountImport],
  ['im_open_login_svc/account_delete', accounts.accountDelete],
  ['im_open_login_svc/account_check', accounts.accountCheck],
  ['im_open_login_svc/kick', accounts.kick],
  ['openim/query_online_status', accounts.queryOnlineStatus],
  ['profile/portrait_get', profile.portraitGet],
  ['profile/portrait_set', profile.portraitSet],
  ['sns/friend_add', friends.friendAdd],
  ['sns/friend_import', friends.friendImport],
  ['sns/friend_get', friends.friendGet],
  ['sns/friend_get_list', friends.friendGetList],
  ['sns/friend_delete', friends.friendDelete],
  ['sns/black_list_add', friends.blackListAdd],
  ['sns/black_list_get', friends.blackListGet],
  ['sns/black_list_delete', friends.blackListDelete],
  ['openim/sendmsg', c2c.sendmsg],
  ['openim/batchsendmsg', c2c.batchsendmsg],
  ['openim/importmsg', c2c.importmsg],
  ['openim/admin_getroammsg', c2c.adminGetroammsg],
  ['openim/admin_msgwithdraw', c2c.adminMsgwithdraw],
  ['openim/get_c2c_unread_msg_num', c2c.getC2cUnreadMsgNum],
  ['openim/admin_set_msg_read', c2c.adminSetMsgRead],
  ['group_open_http_svc/create_group', groups.createGroup],
  ['group_open_http_svc/get_appid_group_list', groups.getAppidGroupList],
  ['group_open_http_svc/get_group_info', groups.getGroupInfo],
  ['group_open_http_svc/get_group_member_info', groups.getGroupMemberInfo],
  ['group_open_http_svc/add_group_member', groups.addGroupMember],
  ['group_open_http_svc/delete_group_member', groups.deleteGroupMember],
  ['group_open_http_svc/modify_group_base_info', groups.modifyGroupBaseInfo],
  ['group_open_http_svc/change_group_owner', groups.changeGroupOwner],
  ['group_open_http_svc/forbid_send_msg', groups.forbidSendMsg],
  ['group_open_http_svc/send_group_msg', groups.sendGroupMsg],
  ['group_open_http_svc/group_msg_get_simple', groups.groupMsgGetSimple],
  ['group_open_http_svc/group_msg_recall', groups.groupMsgRecall],
  ['group_open_http_svc/destroy_group', groups.destroyGroup],
  ['group_open_http_svc/get_joined_group_list', groups.getJoinedGroupList],
  ['recentcontact/get_list', recent.getList],
  ['recentcontact/delete', recent.deleteContact],
  ['openconfigsvr/setnospeaking', mute.setnospeaking],
  ['openconfigsvr/getnospeaking', mute.getnospeaking],
  ['openconfigsvr/getappinfo', getappinfo],
]);

/**
 * The code a not-emulated catalog command answers. Outside every Tencent range on purpose; the shared
 * error-code table documents it so the console explains it like any other code.
 */
export const NOT_EMULATED_CODE = SANDBOX_NOT_EMULATED;
