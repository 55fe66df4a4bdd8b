"""impacket 0.10's DCE/RPC client against cm4j's RpcServer (ncacn_ip_tcp on 127.0.0.1).

Usage: rpc_interop.py PORT LEVEL USER DOMAIN SECRET_KIND SECRET IFACE [SECOND_IFACE]
  LEVEL        integrity | privacy | connect
  SECRET_KIND  password | nthash
  IFACE        the echo interface UUID (version 1.0); SECOND_IFACE, when given, is bound with alter_ctx (version 2.0)

Calls the echo interface (opnum 0 echoes the stub, opnum 1 answers with N pattern bytes) with stubs of several
sizes, large ones fragmented both ways, and checks every answer. Prints one line per step:
  ok <what>      a step passed
  error <text>   impacket raised; the text is str(exception) (the run then stops, exit code 0)
Any mismatch exits non-zero.
"""
import struct
import sys

from impacket.dcerpc.v5 import transport
from impacket.dcerpc.v5.rpcrt import (DCERPCException, RPC_C_AUTHN_LEVEL_CONNECT, RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
                                      RPC_C_AUTHN_LEVEL_PKT_PRIVACY)
from impacket.uuid import uuidtup_to_bin

LEVELS = {'integrity': RPC_C_AUTHN_LEVEL_PKT_INTEGRITY, 'privacy': RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
          'connect': RPC_C_AUTHN_LEVEL_CONNECT}


def pattern(length):
    """The bytes cm4j's EchoInterface.pattern(length) produces."""
    return bytes(((i * 31 + (i >> 8)) & 0xFF) for i in range(length))


def echo(dce, stub):
    dce.call(0, stub)
    answer = dce.recv()
    if answer != stub:
        raise SystemExit('echo of %d bytes came back as %d different bytes' % (len(stub), len(answer)))


def main():
    port, level, user, domain, kind, secret, iface = sys.argv[1:8]
    second = sys.argv[8] if len(sys.argv) > 8 else None
    rpctransport = transport.DCERPCTransportFactory('ncacn_ip_tcp:127.0.0.1[%s]' % port)
    if kind == 'password':
        rpctransport.set_credentials(user, secret, domain)
    else:
        rpctransport.set_credentials(user, '', domain, '', secret)
    dce = rpctransport.get_dce_rpc()
    dce.set_auth_level(LEVELS[level])
    try:
        dce.connect()
        dce.bind(uuidtup_to_bin((iface, '1.0')))
        print('ok bind')
        for size in (0, 1, 100, 4000, 20000, 150000):
            echo(dce, pattern(size))
            print('ok echo %d' % size)
        dce.call(1, struct.pack('<L', 300000))
        if dce.recv() != pattern(300000):
            raise SystemExit('the 300000-byte answer differs')
        print('ok large answer 300000')
        if second:
            dce2 = dce.alter_ctx(uuidtup_to_bin((second, '2.0')))
            echo(dce2, pattern(9000))
            print('ok alter_ctx echo 9000')
        dce.disconnect()
    except DCERPCException as e:
        print('error %s' % e)


if __name__ == '__main__':
    main()
