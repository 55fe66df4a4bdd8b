"""impacket 0.10 (impacket/ntlm.py) as an independent NTLM oracle for cm4j's tests.

Usage: ntlm_oracle.py MODE key=hex ...   (every value is hex; text values are UTF-8 hex)
Prints one `key=hex` line per result.

Modes
  check-client   inputs: user, domain, password | nthash, negotiate, challenge, authenticate, messages (comma-separated
                 hex). Recomputes, with impacket's functions, what our AUTHENTICATE_MESSAGE must contain and what our
                 session must produce: ntproof, session_base_key, exported_session_key, mic, then for each message i
                 client_seal_i / client_seal_sig_i (client-to-server SEAL, one continuing RC4 handle),
                 server_seal_i / server_seal_sig_i (server-to-client), client_sign_sig_i (SIGN only, fresh handle).
  type1          prints negotiate: the NEGOTIATE_MESSAGE impacket's DCE/RPC client sends (deterministic).
  impacket-client inputs: user, domain, password | nthash, challenge, messages. Runs impacket's getNTLMSSPType3
                 against our CHALLENGE_MESSAGE and prints negotiate, authenticate, exported_session_key, flags and
                 the client/server seal outputs as above, computed with the session impacket derived.
"""
import sys
import hmac
import hashlib
import struct
import binascii

from Cryptodome.Cipher import ARC4
from impacket import ntlm


def arg(args, key, default=None):
    value = args.get(key)
    if value is None:
        return default
    return binascii.unhexlify(value)


def out(key, value):
    if isinstance(value, int):
        value = struct.pack('<L', value)
    print('%s=%s' % (key, binascii.hexlify(value).decode()))


def hmac_md5(key, data):
    return hmac.new(key, data, hashlib.md5).digest()


def parse_messages(args):
    """The sample messages: UTF-8 text of comma-separated hex values (an empty value is an empty message)."""
    text = arg(args, 'messages', b'').decode('ascii')
    return [binascii.unhexlify(m) for m in text.split(',')] if text else []


def seal_outputs(flags, exported, messages):
    """SEAL and SIGN of each message in both directions with impacket's key derivation and MAC."""
    for mode, prefix in (('Client', 'client'), ('Server', 'server')):
        sign_key = ntlm.SIGNKEY(flags, exported, mode)
        seal_key = ntlm.SEALKEY(flags, exported, mode)
        handle = ARC4.new(seal_key).encrypt
        for i, m in enumerate(messages):
            sealed, sig = ntlm.SEAL(flags, sign_key, seal_key, m, m, i, handle)
            out('%s_seal_%d' % (prefix, i), sealed)
            out('%s_seal_sig_%d' % (prefix, i), sig.getData())
        handle = ARC4.new(seal_key).encrypt
        for i, m in enumerate(messages):
            sig = ntlm.SIGN(flags, sign_key, m, i, handle)
            out('%s_sign_sig_%d' % (prefix, i), sig.getData())


def credentials(args):
    """user, domain, password (text) and NT hash (bytes, or '' when a password is given)."""
    return (arg(args, 'user').decode('utf-8'), arg(args, 'domain', b'').decode('utf-8'),
            arg(args, 'password', b'').decode('utf-8'), arg(args, 'nthash', b'') or '')


def check_client(args):
    user, domain, password, nthash = credentials(args)
    negotiate = arg(args, 'negotiate')
    challenge_bytes = arg(args, 'challenge')
    authenticate = arg(args, 'authenticate')
    challenge = ntlm.NTLMAuthChallenge(challenge_bytes)
    auth = ntlm.NTLMAuthChallengeResponse()
    auth.fromString(authenticate)
    nt_response = auth['ntlm']
    # impacket's parser does not extract EncryptedRandomSessionKey; read its Fields triple (MS-NLMP 2.2.1.3) here
    key_len, _, key_offset = struct.unpack('<HHL', authenticate[52:60])
    encrypted_key = authenticate[key_offset:key_offset + key_len]
    flags = struct.unpack('<L', authenticate[60:64])[0]
    temp = nt_response[16:]
    response_key = ntlm.NTOWFv2(user, password, domain, nthash)
    ntproof = hmac_md5(response_key, challenge['challenge'] + temp)
    session_base_key = hmac_md5(response_key, ntproof)
    # the key exchange key is the session base key for NTLMv2; RC4 decrypts what it encrypts
    exported = ntlm.generateEncryptedSessionKey(session_base_key, encrypted_key)
    zeroed = authenticate[:72] + b'\x00' * 16 + authenticate[88:]
    out('ntproof', ntproof)
    out('session_base_key', session_base_key)
    out('exported_session_key', exported)
    out('mic', hmac_md5(exported, negotiate + challenge_bytes + zeroed))
    out('flags', flags)
    messages = parse_messages(args)
    seal_outputs(flags, exported, messages)


def type1():
    return ntlm.getNTLMSSPType1('', '', signingRequired=True, use_ntlmv2=True)


def impacket_client(args):
    user, domain, password, nthash = credentials(args)
    challenge_bytes = arg(args, 'challenge')
    negotiate = type1()
    auth, exported = ntlm.getNTLMSSPType3(negotiate, challenge_bytes, user, password, domain, '', nthash,
                                          use_ntlmv2=True)
    out('negotiate', negotiate.getData())
    out('authenticate', auth.getData())
    out('exported_session_key', exported)
    out('flags', auth['flags'])
    messages = parse_messages(args)
    seal_outputs(auth['flags'], exported, messages)


def main():
    mode = sys.argv[1]
    args = dict(a.split('=', 1) for a in sys.argv[2:])
    if mode == 'check-client':
        check_client(args)
    elif mode == 'type1':
        out('negotiate', type1().getData())
    elif mode == 'impacket-client':
        impacket_client(args)
    else:
        raise SystemExit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
