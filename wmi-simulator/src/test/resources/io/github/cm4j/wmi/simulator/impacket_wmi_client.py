#!/usr/bin/python3
"""impacket 0.10 as an independent MS-WMI/DCOM client of cm4j's WmiServer.

Usage: [CM4J_IMPACKET_HOST=name] [CM4J_IMPACKET_KDC=kdc] [KRB5CCNAME=cache] impacket_wmi_client.py PORT LEVEL DOMAIN USER PASSWORD NAMESPACE OP [OP ...]
         LEVEL: privacy | integrity | connect, with "+kerberos" for impacket's Kerberos (doKerberos=True, SPNEGO,
                the KDC at CM4J_IMPACKET_KDC or HOST, port 88, SPN host/HOST)
         PASSWORD: the password, nthash:<hex> (impacket then asks the KDC for rc4-hmac tickets) or aeskey:<hex>
                (the AES256 long-term key: aes256-cts-hmac-sha1-96 tickets)
         OP:    query:<WQL> | get:<object path> | method:<class>:<method>[:<json list of in-args>]
       impacket_wmi_client.py wmiquery PORT <wmiquery.py arguments>
         runs impacket's example wmiquery.py unchanged, with the port adaptation below.

Prints tab-separated lines, operations numbered from 0 in the order given:
  ROWS  <op> <count>                  rows of a query (1 for get and method)
  PROP  <op> <row> <name> <json>      one property as impacket decoded it (json.dumps of the value)
  ERROR <op> <message>                the operation failed; op -1: activation or NTLMLogin failed

Port adaptation: impacket's DCOMConnection always dials the resolver at ncacn_ip_tcp:<target> (port 135). The
harness wraps impacket.dcerpc.v5.transport.DCERPCTransportFactory so that the binding without endpoint,
"ncacn_ip_tcp:127.0.0.1", gets the server's ephemeral activation port (set_dport); every other binding — the
object exporter's "127.0.0.1[port]" from the activation reply — is left as impacket parses it. Nothing else of
impacket is changed. The exporter level: DCOMConnection uses the activation reply's authnHint for the object
exporter; the harness sets the CLASS_INSTANCE's level to LEVEL before the first call, as wmiquery.py's
-rpc-auth-level does after NTLMLogin.
"""
import json
import os
import logging
import runpy
import sys

from impacket import LOG

from impacket.dcerpc.v5 import transport
from impacket.dcerpc.v5.dcom import wmi
from impacket.dcerpc.v5.dcomrt import DCOMConnection
from impacket.dcerpc.v5.dtypes import NULL
from impacket.dcerpc.v5.rpcrt import RPC_C_AUTHN_LEVEL_PKT_PRIVACY, RPC_C_AUTHN_LEVEL_PKT_INTEGRITY, \
    RPC_C_AUTHN_LEVEL_CONNECT

# The server's name or address (CM4J_IMPACKET_HOST, default loopback) and, for "+kerberos", the KDC
# (CM4J_IMPACKET_KDC, default HOST); with an empty PASSWORD impacket takes its tickets from the cache KRB5CCNAME.
HOST = os.environ.get('CM4J_IMPACKET_HOST', '127.0.0.1')
KDC = os.environ.get('CM4J_IMPACKET_KDC', HOST)
LEVELS = {'privacy': RPC_C_AUTHN_LEVEL_PKT_PRIVACY, 'integrity': RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
          'connect': RPC_C_AUTHN_LEVEL_CONNECT}


def adapt_port(port):
    original = transport.DCERPCTransportFactory

    def factory(binding):
        t = original(binding)
        if binding == 'ncacn_ip_tcp:' + HOST:
            t.set_dport(port)
        return t

    transport.DCERPCTransportFactory = factory


def plain(value):
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (int, float, str, bool)):
        return value
    try:
        block = value['ObjectBlock']  # an embedded object (ENCODING_UNIT)
    except (TypeError, KeyError):
        return str(value)
    block.parseObject()
    fields = {name: plain(p['value']) for name, p in block.ctCurrent['properties'].items()}
    fields['__CLASS'] = block.ctCurrent['name']
    return fields


def properties(obj):
    return {name: plain(p['value']) for name, p in obj.getProperties().items()}


def emit(*fields):
    print('\t'.join(str(f) for f in fields), flush=True)


def emit_rows(index, rows):
    emit('ROWS', index, len(rows))
    for r, row in enumerate(rows):
        for name, value in row.items():
            emit('PROP', index, r, name, json.dumps(value))


def query(services, wql):
    enum = services.ExecQuery(wql)
    rows = []
    while True:
        try:
            rows.append(properties(enum.Next(0xffffffff, 1)[0]))
        except Exception as e:
            if str(e).find('S_FALSE') < 0:
                raise
            break
    enum.RemRelease()
    return rows


class LastError(logging.Handler):
    """impacket's method proxies log an ExecMethod failure and return None: keep the message."""
    message = None

    def emit(self, record):
        LastError.message = record.getMessage()


def method(services, target, name, args):
    cls, _ = services.GetObject(target)
    cls.createMethods(target, cls.getMethods())
    LastError.message = None
    out = getattr(cls, name)(*args)
    if out is None:
        raise Exception(LastError.message or 'ExecMethod failed')
    return properties(out)


def main():
    if sys.argv[1] == 'wmiquery':
        adapt_port(int(sys.argv[2]))
        sys.argv = ['wmiquery.py'] + sys.argv[3:]
        runpy.run_path('/usr/share/doc/python3-impacket/examples/wmiquery.py', run_name='__main__')
        return
    port, level, domain, user, password, namespace = sys.argv[1:7]
    ops = sys.argv[7:]
    kerberos = level.endswith('+kerberos')
    level = level.split('+')[0]
    nthash = ''
    aes_key = ''
    if password.startswith('nthash:'):
        nthash, password = password[len('nthash:'):], ''
    elif password.startswith('aeskey:'):
        aes_key, password = password[len('aeskey:'):], ''
    adapt_port(int(port))
    LOG.addHandler(LastError())
    LOG.propagate = False
    dcom = None
    try:
        dcom = DCOMConnection(HOST, user, password, domain, '', nthash, aes_key, authLevel=LEVELS[level], oxidResolver=False,
                              doKerberos=kerberos, kdcHost=KDC if kerberos else None)
        iface = dcom.CoCreateInstanceEx(wmi.CLSID_WbemLevel1Login, wmi.IID_IWbemLevel1Login)
        iface.get_cinstance().set_auth_level(LEVELS[level])
        login = wmi.IWbemLevel1Login(iface)
        services = login.NTLMLogin(namespace, NULL, NULL)
        login.RemRelease()
    except Exception as e:
        emit('ERROR', -1, e)
        if dcom is not None:
            dcom.disconnect()
        return
    for index, op in enumerate(ops):
        kind, _, arg = op.partition(':')
        try:
            if kind == 'query':
                emit_rows(index, query(services, arg))
            elif kind == 'get':
                obj, _ = services.GetObject(arg)
                emit_rows(index, [properties(obj)])
            elif kind == 'method':
                target, _, rest = arg.partition(':')
                name, _, args = rest.partition(':')
                emit_rows(index, [method(services, target, name, json.loads(args) if args else [])])
            else:
                emit('ERROR', index, 'unknown operation ' + kind)
        except Exception as e:
            emit('ERROR', index, e)
    services.RemRelease()
    dcom.disconnect()


if __name__ == '__main__':
    main()
