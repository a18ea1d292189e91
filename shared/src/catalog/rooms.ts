// Catalog data: Room seats (room_engine_http_mic); Conference rooms (TUIRoomKit, room_engine_http_srv).
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';

export const roomCommands: readonly CatalogCommand[] = [
  withInferredSchema(
    {
      service: 'room_engine_http_mic',
      command: 'get_seat_list',
      group: 'Room seats (room_engine_http_mic)',
      title: 'List seats (mic positions) in a room',
      description: 'Lists the seats (mic positions) of a room and who occupies them. Read-only.',
      access: 'read',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/63399',
      example: { RoomId: 'live-room' },
    },
    ['RoomId'],
  ),
  withInferredSchema(
    {
      service: 'room_engine_http_mic',
      command: 'pick_user_on_seat',
      group: 'Room seats (room_engine_http_mic)',
      title: 'Put a user on a seat',
      description: 'Puts a user on a given seat of a room (the user must be in the room).',
      access: 'write',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/63399',
      example: { RoomId: 'live-room', Member_Account: 'user2', Index: 1 },
    },
    ['RoomId', 'Member_Account'],
  ),
  withInferredSchema(
    {
      service: 'room_engine_http_mic',
      command: 'kick_user_off_seat',
      group: 'Room seats (room_engine_http_mic)',
      title: 'Kick a user off a seat',
      description:
        'Takes a user off their seat, cutting their audio/video for the room. The body is inferred, not seen in Tencent’s code or pages: verify before relying on it.',
      access: 'destructive',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/63399',
      example: { RoomId: 'live-room', Member_Account: 'user2' },
    },
    ['RoomId', 'Member_Account'],
  ),
  withInferredSchema(
    {
      service: 'room_engine_http_srv',
      command: 'create_room',
      group: 'Conference rooms (TUIRoomKit, room_engine_http_srv)',
      title: 'Create/schedule a conference room',
      description:
        'Creates or schedules a conference room (RoomType "Conference") with its owner. Conference product (room_engine_http_srv); Tencent’s pages list the Singapore domain only.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: true,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/60707',
      example: { RoomInfo: { RoomId: 'room-new', RoomType: 'Conference', Owner_Account: 'user2' } },
    },
    ['RoomInfo'],
  ),
  withInferredSchema(
    {
      service: 'room_engine_http_srv',
      command: 'destroy_room',
      group: 'Conference rooms (TUIRoomKit, room_engine_http_srv)',
      title: 'Destroy a conference room',
      description:
        'Ends a conference room for everyone in it. Irreversible. Conference product (room_engine_http_srv); Tencent’s pages list the Singapore domain only.',
      access: 'destructive',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/60702',
      example: { RoomId: 'room-old' },
    },
    ['RoomId'],
  ),
  withInferredSchema(
    {
      service: 'room_engine_http_srv',
      command: 'update_room_info',
      group: 'Conference rooms (TUIRoomKit, room_engine_http_srv)',
      title: 'Update conference room info',
      description:
        'Changes a conference room’s name and settings. Conference product (room_engine_http_srv); Tencent’s pages list the Singapore domain only.',
      access: 'write',
      rateLimitPerSec: 200,
      rateLimitVerified: true,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/60705',
      example: { RoomInfo: { RoomId: 'room-test', RoomName: 'room-name-test' } },
    },
    ['RoomInfo'],
  ),
  withInferredSchema(
    {
      service: 'room_engine_http_srv',
      command: 'get_room_info',
      group: 'Conference rooms (TUIRoomKit, room_engine_http_srv)',
      title: 'Get conference room info',
      description:
        'Reads a conference room’s information. Read-only. Conference product (room_engine_http_srv); Tencent’s pages list the Singapore domain only.',
      access: 'read',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/60702',
      example: { RoomId: 'room-test' },
    },
    ['RoomId'],
  ),
  withInferredSchema(
    {
      service: 'room_engine_http_srv',
      command: 'kick_user_out',
      group: 'Conference rooms (TUIRoomKit, room_engine_http_srv)',
      title: 'Remove users from a room',
      description:
        'Removes users from a conference room, with a reason. Body seen only in a generated PHP SDK: verify. Conference product (room_engine_http_srv); Tencent’s pages list the Singapore domain only.',
      access: 'destructive',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/647/60702',
      example: { RoomId: 'room-test', MemberList_Account: ['user1'], Reason: 'x' },
    },
    ['RoomId', 'MemberList_Account'],
  ),
];
