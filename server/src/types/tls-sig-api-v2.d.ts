// The package ships no types and @types/tls-sig-api-v2 does not exist (reference §4.3).
declare module 'tls-sig-api-v2' {
  export class Api {
    constructor(sdkappid: number | string, key: string);
    genUserSig(userid: string, expire: number): string;
    genSig(userid: string, expire: number, userBuf?: Buffer | null): string;
    genPrivateMapKey(userid: string, expire: number, roomid: number, privilegeMap: number): string;
    genPrivateMapKeyWithStringRoomID(
      userid: string,
      expire: number,
      roomstr: string,
      privilegeMap: number,
    ): string;
  }
}
