"""impacket 0.10 (impacket/krb5/gssapi.py) as an independent oracle for cm4j's Kerberos per-message tokens.

Usage: gssapi_oracle.py MODE key=hex ...   (every value is hex)
Prints one `key=hex` line per result.

Modes (enctype is one byte: 17, 18 or 23; seq four bytes big-endian)
  wrap-init   inputs: enctype, key, data, seq. impacket's initiator GSS_Wrap: prints stub (the sealed data that
              replaces the stub) and token (the auth value).
  unwrap      inputs: enctype, key, stub, token, seq. impacket's GSS_Unwrap of an acceptor's (AES) or any (RC4) token:
              prints plain.
  mic-init    inputs: enctype (23 only), key, data, seq. impacket's initiator GSS_GetMIC: prints token.
"""
import sys
import struct
import binascii

from impacket.krb5 import gssapi
from impacket.krb5.crypto import Key


class _Cipher:
    def __init__(self, enctype):
        self.enctype = enctype


def arg(args, key):
    return binascii.unhexlify(args[key])


def out(key, value):
    print('%s=%s' % (key, binascii.hexlify(value).decode()))


def main():
    mode = sys.argv[1]
    args = dict(a.split('=', 1) for a in sys.argv[2:])
    enctype = arg(args, 'enctype')[0]
    key = Key(enctype, arg(args, 'key'))
    seq = struct.unpack('>L', arg(args, 'seq'))[0]
    g = gssapi.GSSAPI(_Cipher(enctype))
    if mode == 'wrap-init':
        stub, token = g.GSS_Wrap(key, arg(args, 'data'), seq)
        out('stub', stub)
        out('token', token)
    elif mode == 'unwrap':
        # impacket reads the token after an 8-octet sec_trailer
        plain, _ = g.GSS_Unwrap(key, arg(args, 'stub'), seq, authData=b'\0' * 8 + arg(args, 'token'))
        out('plain', plain)
    elif mode == 'mic-init':
        out('token', g.GSS_GetMIC(key, arg(args, 'data'), seq))
    else:
        raise SystemExit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
