# Independent oracle for cm4j's DCOM and MS-WMI stub data: impacket 0.10 (Debian python3-impacket) encodes and
# decodes the NDR of every call the cm4j client and the cm4j loopback server exchange with impacket.
#
# Input: a file of tasks, one per line, tab-separated: ID OP NAME HEX
#   OP = decode: parse HEX (stub data) with the impacket structure NAME (see STRUCTURES), print what it reads
#   OP = build:  run the scenario NAME (see SCENARIOS; HEX is an optional argument, e.g. an OBJREF built by cm4j)
#                and print the stub data impacket produced ("#hex") and what impacket reads back from it
# Output: ID <TAB> PATH <TAB> HEX(UTF-8 value), one line per value. Values: integers as unsigned decimal, GUIDs as
# lowercase UUID text, strings without their NUL, byte strings as hex, NULL pointers as "NULL", array sizes at
# PATH + "#", the pointer inside a pointer to a pointer at PATH + ".*". OBJREFs inside MInterfacePointers are parsed
# with impacket's OBJREF classes (PATH.objref.*), and activation properties BLOBs with impacket's ACTIVATION_BLOB and
# property classes (PATH.blob.*).
#
# Requests are captured from impacket's own client code (DCOMConnection's IRemoteSCMActivator.RemoteCreateInstance,
# IRemUnknown.RemRelease, IWbemServices.ExecQuery, ...) by replacing the transport with one that keeps the request.
#
# impacket 0.10 defines a few structures differently from the MS-DCOM / MS-WMI IDL; the harness then uses a
# corrected definition built from impacket's own NDR types, named *_IDL (see the comments at each). The Java tests
# say which messages that concerns.
import sys
import uuid
from struct import pack

from impacket.dcerpc.v5 import dcomrt
from impacket.dcerpc.v5.dcom import wmi
from impacket.dcerpc.v5.dcom.oaut import FLAGGED_WORD_BLOB
from impacket.dcerpc.v5.dcomrt import (
    ACTIVATION_BLOB, COMVERSION, DUALSTRINGARRAY, INTERFACE, IRemUnknown, MInterfacePointer, OBJREF, OBJREF_CUSTOM,
    OBJREF_STANDARD, ORPCTHAT, ORPCTHIS, ORPC_EXTENT, ORPC_EXTENT_ARRAY, PORPC_EXTENT, PMInterfacePointer, CLASS_INSTANCE, DCOMCALL, DCOMANSWER, IID, IID_ARRAY,
    HRESULT_ARRAY, REMINTERFACEREF, REMQIRESULT, error_status_t)
from impacket.dcerpc.v5.dtypes import GUID, NULL, WSTR, ULONG, LONG, USHORT, HRESULT
from impacket.dcerpc.v5.ndr import (
    NDRCALL, NDRSTRUCT, NDRPOINTER, NDRPOINTERNULL, NDRUniConformantArray, NDRUniConformantVaryingArray,
    NDRUniFixedArray, NDRUniVaryingArray, NDR)
from impacket.uuid import string_to_bin

SKIP_FIELDS = {'CommonHeader', 'PrivateHeader'}


def guid_text(b):
    return str(uuid.UUID(bytes_le=bytes(b)))


def number(v):
    if v < 0:
        v += 2 ** 64 if v < -2 ** 31 else 2 ** 32
    return str(v)


def chars(items):
    return b''.join(x if isinstance(x, bytes) else bytes([x]) for x in items)


# ---------------------------------------------------------------------------------------------------------------
# structures impacket 0.10 gets wrong, rebuilt from its NDR types after the IDL

class BYTE_ARRAY(NDRUniConformantArray):
    item = 'c'


class PBYTE_ARRAY(NDRPOINTER):
    referent = (('Data', BYTE_ARRAY),)


# MS-WMI 3.1.4.7.1: [in] REFGUID proxyGUID is a reference pointer (16 bytes, no referent ID; impacket sends a
# unique pointer) and [out, size_is(,*pdwBuffSize)] byte** pBuffer a unique pointer to the array (impacket reads the
# array without the pointer).
class IWbemWCOSmartEnum_Next_IDL(DCOMCALL):
    opnum = 3
    structure = (('proxyGUID', GUID), ('lTimeout', LONG), ('uCount', ULONG))


class IWbemWCOSmartEnum_NextResponse_IDL(DCOMANSWER):
    structure = (('puReturned', ULONG), ('pdwBuffSize', ULONG), ('pBuffer', PBYTE_ARRAY), ('ErrorCode', error_status_t))


# MS-WMI 3.1.4.1.3: [out] IWbemServices** reserved5 (impacket: a byte array).
class IWbemLevel1Login_WBEMLoginResponse_IDL(DCOMANSWER):
    structure = (('reserved5', PMInterfacePointer), ('ErrorCode', error_status_t))


# MS-WMI 3.1.4.3.4: [in, out, unique] IWbemClassObject** ppObject and IWbemCallResult** ppCallResult are pointers to
# interface pointers (impacket sends each as a pointer to an empty MInterfacePointer, 8 bytes too many).
class PPMInterfacePointer(NDRPOINTER):
    referent = (('Data', PMInterfacePointer),)


class IWbemServices_GetObject_IDL(DCOMCALL):
    opnum = 6
    structure = (('strObjectPath', wmi.BSTR), ('lFlags', LONG), ('pCtx', PMInterfacePointer),
                 ('ppObject', PPMInterfacePointer), ('ppCallResult', PPMInterfacePointer))


class IWbemServices_PutInstance_IDL(DCOMCALL):
    opnum = 14
    structure = (('pInst', PMInterfacePointer), ('lFlags', LONG), ('pCtx', PMInterfacePointer),
                 ('ppCallResult', PPMInterfacePointer))


class IWbemServices_DeleteInstance_IDL(DCOMCALL):
    opnum = 16
    structure = (('strObjectPath', wmi.BSTR), ('lFlags', LONG), ('pCtx', PMInterfacePointer),
                 ('ppCallResult', PPMInterfacePointer))


class IWbemServices_OpenNamespace_IDL(DCOMCALL):
    opnum = 3
    structure = (('strNamespace', wmi.BSTR), ('lFlags', LONG), ('pCtx', PMInterfacePointer),
                 ('ppWorkingNamespace', PPMInterfacePointer), ('ppResult', PPMInterfacePointer))


# MS-DCOM 3.1.1.5.6.1.1: [out, size_is(,cIids)] PREMQIRESULT *ppQIResults points to an array (impacket: to one
# REMQIRESULT, which lines up with the array's conformance for one IID only by the accident of 8-byte alignment).
class REMQIRESULT_ARRAY(NDRUniConformantArray):
    item = REMQIRESULT


class PREMQIRESULT_ARRAY(NDRPOINTER):
    referent = (('Data', REMQIRESULT_ARRAY),)


class RemQueryInterfaceResponse_IDL(DCOMANSWER):
    structure = (('ppQIResults', PREMQIRESULT_ARRAY), ('ErrorCode', error_status_t))


# MS-DCOM 3.1.1.5.7.1: impacket 0.10 has no RemQueryInterface2.
class RemQueryInterface2_IDL(DCOMCALL):
    opnum = 6
    structure = (('ripid', GUID), ('cIids', USHORT), ('iids', IID_ARRAY))


class PMInterfacePointerInternal_ARRAY(NDRUniConformantArray):
    item = PMInterfacePointer


class RemQueryInterface2Response_IDL(DCOMANSWER):
    structure = (('phr', HRESULT_ARRAY), ('ppMIF', PMInterfacePointerInternal_ARRAY), ('ErrorCode', error_status_t))


# MS-DCOM 3.1.2.5.1.6: [out, ref] DWORD *pReserved is a DWORD (impacket: a unique pointer, which reads the same
# when the value is 0).
class ServerAlive2Response_IDL(NDRCALL):
    structure = (('pComVersion', COMVERSION), ('ppdsaOrBindings', dcomrt.PDUALSTRINGARRAY), ('pReserved', ULONG),
                 ('ErrorCode', error_status_t))


STRUCTURES = {}
for module in (dcomrt, wmi):
    for name in dir(module):
        value = getattr(module, name)
        if isinstance(value, type) and issubclass(value, NDRCALL):
            STRUCTURES[name] = value
for name, value in list(globals().items()):
    if name.endswith('_IDL') and isinstance(value, type):
        STRUCTURES[name] = value


# ---------------------------------------------------------------------------------------------------------------
# flattening what impacket reads

def bindings(out, path, shorts, security_offset):
    strings = []
    i = 0
    while i < security_offset and shorts[i] != 0:
        tower = shorts[i]
        j = i + 1
        while shorts[j] != 0:
            j += 1
        strings.append((tower, ''.join(chr(c) for c in shorts[i + 1:j])))
        i = j + 1
    out[path + '.strings#'] = str(len(strings))
    for k, (tower, addr) in enumerate(strings):
        out['%s.strings[%d].wTowerId' % (path, k)] = number(tower)
        out['%s.strings[%d].aNetworkAddr' % (path, k)] = addr
    security = []
    i = security_offset
    while i < len(shorts) and shorts[i] != 0:
        authn = shorts[i]
        j = i + 2
        while shorts[j] != 0:
            j += 1
        security.append((authn, ''.join(chr(c) for c in shorts[i + 2:j])))
        i = j + 1
    out[path + '.security#'] = str(len(security))
    for k, (authn, name) in enumerate(security):
        out['%s.security[%d].wAuthnSvc' % (path, k)] = number(authn)
        out['%s.security[%d].aPrincName' % (path, k)] = name


ACTIVATION_CLASSES = {
    '000001ab-0000-0000-c000-000000000046': dcomrt.InstantiationInfoData,
    '000001a5-0000-0000-c000-000000000046': dcomrt.ActivationContextInfoData,
    '000001a4-0000-0000-c000-000000000046': dcomrt.LocationInfoData,
    '000001aa-0000-0000-c000-000000000046': dcomrt.ScmRequestInfoData,
    '000001a6-0000-0000-c000-000000000046': dcomrt.SecurityInfoData,
    '000001b9-0000-0000-c000-000000000046': dcomrt.SpecialPropertiesData,
    '000001b6-0000-0000-c000-000000000046': dcomrt.ScmReplyInfoData,
    '00000339-0000-0000-c000-000000000046': dcomrt.PropsOutInfo,
}


def activation(out, path, data):
    blob = ACTIVATION_BLOB(data)
    header = blob['CustomHeader']
    out[path + '.dwSize'] = number(blob['dwSize'])
    out[path + '.CustomHeader.cIfs'] = number(header['cIfs'])
    clsids = [guid_text(c['Data']) for c in header['pclsid']]
    sizes = [s['Data'] for s in header['pSizes']]
    out[path + '.CustomHeader.pclsid#'] = str(len(clsids))
    for i, c in enumerate(clsids):
        out['%s.CustomHeader.pclsid[%d]' % (path, i)] = c
    properties = blob['Property']
    at = 0
    for i, c in enumerate(clsids):
        chunk = properties[at:at + sizes[i]]
        at += sizes[i]
        cls = ACTIVATION_CLASSES.get(c)
        if cls is None:
            out['%s.Property[%d]' % (path, i)] = chunk.hex()
            continue
        prop = cls()
        size = prop.fromString(chunk)
        prop.fromStringReferents(chunk[size:])
        flat(out, '%s.Property[%d]' % (path, i), prop)


def objref(out, path, data):
    if len(data) < 24:
        return
    kind = OBJREF(data)['flags']
    if kind == 1:
        ref = OBJREF_STANDARD(data)
        out[path + '.flags'] = '1'
        out[path + '.iid'] = guid_text(ref['iid'])
        for f in ('flags', 'cPublicRefs', 'oxid', 'oid'):
            out[path + '.std.' + f] = number(ref['std'][f])
        out[path + '.std.ipid'] = guid_text(ref['std']['ipid'])
        sa = ref['saResAddr']
        entries, offset = sa[0] | sa[1] << 8, sa[2] | sa[3] << 8
        shorts = [sa[4 + 2 * k] | sa[5 + 2 * k] << 8 for k in range(entries)]
        out[path + '.saResAddr.wNumEntries'] = str(entries)
        out[path + '.saResAddr.wSecurityOffset'] = str(offset)
        bindings(out, path + '.saResAddr', shorts, offset)
    elif kind == 4:
        ref = OBJREF_CUSTOM(data)
        out[path + '.flags'] = '4'
        out[path + '.iid'] = guid_text(ref['iid'])
        clsid = guid_text(ref['clsid'])
        out[path + '.clsid'] = clsid
        out[path + '.pObjectData'] = bytes(ref['pObjectData']).hex()
        if clsid in ('00000338-0000-0000-c000-000000000046', '00000339-0000-0000-c000-000000000046'):
            activation(out, path.rsplit('.objref', 1)[0] + '.blob', bytes(ref['pObjectData']))


def flat(out, path, obj):
    if isinstance(obj, NDRPOINTERNULL):
        out[path] = 'NULL'
    elif isinstance(obj, NDRPOINTER):
        if obj['ReferentID'] == 0:
            out[path] = 'NULL'
        elif isinstance(obj.fields['Data'], (NDRPOINTER, NDRPOINTERNULL)):
            flat(out, path + '.*', obj.fields['Data'])  # a pointer to a pointer: the inner one at PATH.*
        else:
            flat(out, path, obj.fields['Data'])
    elif isinstance(obj, ORPC_EXTENT_ARRAY) and obj['size'] == 0:
        # no extensions; impacket's IActivation.RemoteActivation sends an empty array rather than NULL (it leaves the
        # request's default ORPCTHIS in place), which cm4j reads as no extensions
        out[path] = 'NULL'
    elif isinstance(obj, GUID):
        out[path] = guid_text(obj['Data'])
    elif isinstance(obj, FLAGGED_WORD_BLOB):
        out[path] = 'NULL' if obj['cBytes'] == 0xFFFFFFFF else obj['asData']
    elif isinstance(obj, WSTR):
        out[path] = obj['Data'].rstrip('\x00')
    elif isinstance(obj, DUALSTRINGARRAY):
        out[path + '.wNumEntries'] = number(obj['wNumEntries'])
        out[path + '.wSecurityOffset'] = number(obj['wSecurityOffset'])
        bindings(out, path, list(obj['aStringArray']), obj['wSecurityOffset'])
    elif isinstance(obj, MInterfacePointer):
        data = chars(obj['abData'])
        out[path + '.ulCntData'] = number(obj['ulCntData'])
        out[path + '.abData'] = data.hex()
        objref(out, path + '.objref', data)
    elif isinstance(obj, (NDRUniConformantArray, NDRUniConformantVaryingArray, NDRUniFixedArray, NDRUniVaryingArray)):
        items = obj['Data']
        if obj.item == 'c':
            out[path] = chars(items).hex()
            return
        if isinstance(items, (bytes, str)):
            out[path] = items.hex() if isinstance(items, bytes) else items
            return
        out[path + '#'] = str(len(items))
        for i, item in enumerate(items):
            flat(out, '%s[%d]' % (path, i), item)
    elif isinstance(obj, NDRSTRUCT) or isinstance(obj, NDRCALL):
        for name, _ in obj.commonHdr + obj.structure:
            if name in SKIP_FIELDS:
                continue
            flat(out, path + '.' + name if path else name, obj.fields[name])
    elif isinstance(obj, NDR):
        flat(out, path, obj['Data'])
    elif isinstance(obj, int):
        out[path] = number(obj)
    elif isinstance(obj, bytes):
        out[path] = obj.hex()
    elif isinstance(obj, str):
        out[path] = obj.rstrip('\x00')
    else:
        out[path] = repr(obj)


# ---------------------------------------------------------------------------------------------------------------
# capturing what impacket's client code sends

class Captured(Exception):
    def __init__(self, request):
        Exception.__init__(self, 'captured')
        self.request = request


class FakePortmap:
    def bind(self, iid):
        pass

    def connect(self):
        pass

    def request(self, req, uuid=None):
        raise Captured(req)


def capture_orpc(self, req, iid=None, uuid=None):
    req['ORPCthis'] = self.get_cinstance().get_ORPCthis()
    req['ORPCthis']['flags'] = 0
    raise Captured(req)


INTERFACE.request = capture_orpc

CID = string_to_bin('11223344-5566-7788-99aa-bbccddeeff00')
IPID = string_to_bin('00009c01-0f60-1234-5678-9abcdef01234')
IPID_REM_UNKNOWN = string_to_bin('0000a801-0ba8-ffff-1111-222233334444')


def interface():
    this = ORPCTHIS()
    this['cid'] = CID
    this['extensions'] = NULL
    return INTERFACE(CLASS_INSTANCE(this, []), None, IPID_REM_UNKNOWN, IPID, oxid=0x1122334455667788,
                     oid=0x0102030405060708, target='127.0.0.1')


def captured(call):
    try:
        call()
    except Captured as c:
        return c.request
    raise AssertionError('impacket sent nothing')


class ByValue:
    """What impacket's IWbemServices.PutInstance/ExecMethod expect: an object with len() and getData()."""

    def __init__(self, data):
        self.data = data

    def __len__(self):
        return len(self.data)

    def getData(self):
        return self.data


def pointer_to(data):
    p = PMInterfacePointer()
    p['ulCntData'] = len(data)
    p['abData'] = list(data)
    return p


def mip(data):
    m = MInterfacePointer()
    m['ulCntData'] = len(data)
    m['abData'] = list(data)
    return m


def dsa(strings, security):
    shorts = []
    for tower, addr in strings:
        shorts += [tower] + [ord(c) for c in addr] + [0]
    shorts += [0]
    offset = len(shorts)
    for authn, name in security:
        shorts += [authn, 0xFFFF] + [ord(c) for c in name] + [0]
    shorts += [0]
    d = DUALSTRINGARRAY()
    d['wNumEntries'] = len(shorts)
    d['wSecurityOffset'] = offset
    d['aStringArray'] = shorts
    return d


RESOLVER = dsa([(7, 'SERVER'), (7, '192.0.2.10')], [(10, ''), (9, 'host/server')])
EXPORTER = dsa([(7, 'SERVER[49667]')], [(10, '')])


def standard_objref(iid_text, oxid, oid, ipid_text):
    ref = OBJREF_STANDARD()
    ref['iid'] = string_to_bin(iid_text)
    ref['std']['flags'] = 0
    ref['std']['cPublicRefs'] = 5
    ref['std']['oxid'] = oxid
    ref['std']['oid'] = oid
    ref['std']['ipid'] = string_to_bin(ipid_text)
    data = RESOLVER['wNumEntries'].to_bytes(2, 'little') + RESOLVER['wSecurityOffset'].to_bytes(2, 'little')
    data += b''.join(pack('<H', x) for x in RESOLVER['aStringArray'])
    ref['saResAddr'] = data
    return ref.getData()


IID_IWBEMSERVICES = '9556dc99-828c-11cf-a37e-00aa003240c7'
IID_IENUM = '027947e1-d731-11ce-a357-000000000001'
IID_LOGIN = 'f309ad18-d86a-11d0-a075-00c04fb68820'
CLSID_LOGIN = string_to_bin('8bc3f05e-d86b-11d0-a075-00c04fb68820')
SERVICES_REF = standard_objref(IID_IWBEMSERVICES, 0x1122334455667788, 0x0a0b0c0d0e0f1011, '0000a401-1f2c-4d3e-8f90-0a1b2c3d4e5f')
ENUM_REF = standard_objref(IID_IENUM, 0x1122334455667788, 0x1213141516171819, '00009c02-1f2c-4d3e-8f90-0a1b2c3d4e5f')
CALL_RESULT_REF = standard_objref('44aca675-e8fc-11d0-a07c-00c04fb68820', 0x1122334455667788, 0x2021222324252627,
                                  '00009c03-1f2c-4d3e-8f90-0a1b2c3d4e5f')


def orpcthat():
    that = ORPCTHAT()
    that['flags'] = 0
    that['extensions'] = NULL
    return that


def activation_reply(arg):
    """An ActivationPropertiesOut as a Windows server sends it (PropsOutInfo, then ScmReplyInfo), built with impacket."""
    blob = ACTIVATION_BLOB()
    blob['CustomHeader']['destCtx'] = 2
    blob['CustomHeader']['pdwReserved'] = NULL
    properties = b''
    props = dcomrt.PropsOutInfo()
    props['cIfs'] = 1
    i = IID()
    i['Data'] = string_to_bin(IID_LOGIN)
    props['piid'].append(i)
    h = HRESULT()
    h['Data'] = 0
    props['phresults'].append(h)
    login = standard_objref(IID_LOGIN, 0x1122334455667788, 0x3031323334353637, '0000b001-1f2c-4d3e-8f90-0a1b2c3d4e5f')
    props['ppIntfData'].append(pointer_to(login))
    scm = dcomrt.ScmReplyInfoData()
    scm['pdwReserved'] = 0
    scm['remoteReply']['Oxid'] = 0x1122334455667788
    scm['remoteReply']['pdsaOxidBindings'] = EXPORTER
    scm['remoteReply']['ipidRemUnknown'] = IPID_REM_UNKNOWN
    scm['remoteReply']['authnHint'] = 6
    scm['remoteReply']['serverVersion']['MajorVersion'] = 5
    scm['remoteReply']['serverVersion']['MinorVersion'] = 7
    for prop, clsid in ((props, '00000339-0000-0000-c000-000000000046'), (scm, '000001b6-0000-0000-c000-000000000046')):
        c = dcomrt.CLSID()
        c['Data'] = string_to_bin(clsid)
        blob['CustomHeader']['pclsid'].append(c)
        marshaled = prop.getData() + prop.getDataReferents()
        pad = (8 - len(marshaled) % 8) % 8
        d = dcomrt.DWORD()
        d['Data'] = len(marshaled) + pad
        blob['CustomHeader']['pSizes'].append(d)
        properties += marshaled + b'\xfa' * pad
    blob['Property'] = properties
    ref = OBJREF_CUSTOM()
    ref['iid'] = dcomrt.IID_IActivationPropertiesOut[:-4]
    ref['clsid'] = dcomrt.CLSID_ActivationPropertiesOut
    ref['pObjectData'] = blob.getData()
    ref['ObjectReferenceSize'] = len(ref['pObjectData']) + 8
    return ref.getData()


def response(cls, **fields):
    r = cls()
    for k, v in fields.items():
        r[k] = v
    return r


def scenario_requests():
    s = {}
    scm = dcomrt.IRemoteSCMActivator(FakePortmap())
    s['RemoteCreateInstance'] = ('RemoteCreateInstance', lambda a: captured(
        lambda: scm.RemoteCreateInstance(CLSID_LOGIN, string_to_bin(IID_LOGIN))))
    s['RemoteGetClassObject'] = ('RemoteGetClassObject', lambda a: captured(
        lambda: scm.RemoteGetClassObject(CLSID_LOGIN, string_to_bin('00000001-0000-0000-c000-000000000046'))))
    s['RemoteActivation'] = ('RemoteActivation', lambda a: captured(
        lambda: dcomrt.IActivation(FakePortmap()).RemoteActivation(CLSID_LOGIN, string_to_bin(IID_LOGIN))))
    exporter = dcomrt.IObjectExporter(FakePortmap())
    s['ResolveOxid'] = ('ResolveOxid', lambda a: captured(lambda: exporter.ResolveOxid(0x1122334455667788, [7])))
    s['ResolveOxid2'] = ('ResolveOxid2', lambda a: captured(lambda: exporter.ResolveOxid2(0x1122334455667788, [7, 15])))
    s['SimplePing'] = ('SimplePing', lambda a: captured(lambda: exporter.SimplePing(0x0102030405060708)))
    s['ComplexPing'] = ('ComplexPing', lambda a: captured(
        lambda: exporter.ComplexPing(0, 0, [0x1111111111111111, 0x2222222222222222], [])))
    s['ServerAlive'] = ('ServerAlive', lambda a: captured(lambda: exporter.ServerAlive()))
    s['ServerAlive2'] = ('ServerAlive2', lambda a: captured(lambda: exporter.ServerAlive2()))
    s['RemQueryInterface'] = ('RemQueryInterface', lambda a: captured(
        lambda: IRemUnknown(interface()).RemQueryInterface(1, [string_to_bin(IID_IWBEMSERVICES)])))
    s['RemAddRef'] = ('RemAddRef', lambda a: captured(lambda: IRemUnknown(interface()).RemAddRef()))
    s['RemRelease'] = ('RemRelease', lambda a: captured(lambda: IRemUnknown(interface()).RemRelease()))
    login = lambda: wmi.IWbemLevel1Login(interface())
    services = lambda: wmi.IWbemServices(interface())
    enum = lambda: wmi.IEnumWbemClassObject(interface())
    s['EstablishPosition'] = ('IWbemLevel1Login_EstablishPosition', lambda a: captured(lambda: login().EstablishPosition()))
    s['RequestChallenge'] = ('IWbemLevel1Login_RequestChallenge', lambda a: captured(lambda: login().RequestChallenge()))
    s['WBEMLogin'] = ('IWbemLevel1Login_WBEMLogin', lambda a: captured(lambda: login().WBEMLogin()))
    s['NTLMLogin'] = ('IWbemLevel1Login_NTLMLogin', lambda a: captured(
        lambda: login().NTLMLogin('//./root/sms/site_CAS', NULL, NULL)))
    s['NTLMLoginContext'] = ('IWbemLevel1Login_NTLMLogin', lambda a: captured(
        lambda: login().NTLMLogin('//./root/cimv2', 'MS_409', pointer_to(a))))
    s['OpenNamespace'] = ('IWbemServices_OpenNamespace_IDL', lambda a: captured(lambda: services().OpenNamespace('site_CAS')))
    s['GetObject'] = ('IWbemServices_GetObject_IDL', lambda a: captured(
        lambda: services().GetObject('SMS_SoftwareUpdate.CI_ID=16777216')))
    s['PutInstance'] = ('IWbemServices_PutInstance_IDL', lambda a: captured(
        lambda: services().PutInstance(ByValue(a), 2, NULL)))
    s['DeleteInstance'] = ('IWbemServices_DeleteInstance_IDL', lambda a: captured(
        lambda: services().DeleteInstance('SMS_SCI_Component.FileType=2,ItemName="x",ItemType="Component",SiteCode="CAS"')))
    s['CreateInstanceEnum'] = ('IWbemServices_CreateInstanceEnum', lambda a: captured(
        lambda: services().CreateInstanceEnum('SMS_Site', 0x30)))
    s['ExecQuery'] = ('IWbemServices_ExecQuery', lambda a: captured(
        lambda: services().ExecQuery('SELECT * FROM SMS_SoftwareUpdate WHERE IsDeployed = TRUE', 0x30)))
    s['ExecQueryContext'] = ('IWbemServices_ExecQuery', lambda a: captured(
        lambda: services().ExecQuery('SELECT * FROM SMS_SCI_Component', 0x30, pointer_to(a))))
    s['ExecMethod'] = ('IWbemServices_ExecMethod', lambda a: captured(
        lambda: services().ExecMethod('SMS_SoftwareUpdate', 'SyncNow', 0, NULL, ByValue(a))))
    s['EnumReset'] = ('IEnumWbemClassObject_Reset', lambda a: captured(lambda: enum().Reset()))
    s['EnumNext'] = ('IEnumWbemClassObject_Next', lambda a: captured(lambda: enum().Next(0xFFFFFFFF, 100)))
    s['EnumClone'] = ('IEnumWbemClassObject_Clone', lambda a: captured(lambda: enum().Clone()))
    s['EnumSkip'] = ('IEnumWbemClassObject_Skip', lambda a: captured(lambda: enum().Skip(1000, 5)))
    s['EnumNextAsync'] = ('IEnumWbemClassObject_NextAsync', lambda a: captured(lambda: enum().NextAsync(7, NULL)))
    call_result = lambda: wmi.IWbemCallResult(interface())
    s['GetResultObject'] = ('IWbemCallResult_GetResultObject', lambda a: captured(lambda: call_result().GetResultObject(5000)))
    s['GetResultString'] = ('IWbemCallResult_GetResultString', lambda a: captured(lambda: call_result().GetResultString(5000)))
    s['GetResultServices'] = ('IWbemCallResult_GetResultServices', lambda a: captured(lambda: call_result().GetResultServices(5000)))
    s['GetCallStatus'] = ('IWbemCallResult_GetCallStatus', lambda a: captured(lambda: call_result().GetCallStatus(5000)))
    s['GetSmartEnum'] = ('IWbemFetchSmartEnum_GetSmartEnum', lambda a: captured(
        lambda: wmi.IWbemFetchSmartEnum(interface()).GetSmartEnum(0)))
    return s


def scenario_responses():
    s = {}
    s['ResolveOxidResponse'] = ('ResolveOxidResponse', lambda a: response(
        dcomrt.ResolveOxidResponse, ppdsaOxidBindings=EXPORTER, pipidRemUnknown=IPID_REM_UNKNOWN, pAuthnHint=6, ErrorCode=0))

    def resolve2(a):
        r = response(dcomrt.ResolveOxid2Response, ppdsaOxidBindings=EXPORTER, pipidRemUnknown=IPID_REM_UNKNOWN,
                     pAuthnHint=6, ErrorCode=0)
        r['pComVersion']['MajorVersion'] = 5
        r['pComVersion']['MinorVersion'] = 7
        return r

    s['ResolveOxid2Response'] = ('ResolveOxid2Response', resolve2)

    def alive2(a):
        r = response(ServerAlive2Response_IDL, ppdsaOrBindings=RESOLVER, pReserved=0, ErrorCode=0)
        r['pComVersion']['MajorVersion'] = 5
        r['pComVersion']['MinorVersion'] = 7
        return r

    s['ServerAlive2Response'] = ('ServerAlive2Response_IDL', alive2)
    s['SimplePingResponse'] = ('SimplePingResponse', lambda a: response(dcomrt.SimplePingResponse, ErrorCode=0))
    s['ComplexPingResponse'] = ('ComplexPingResponse', lambda a: response(
        dcomrt.ComplexPingResponse, pSetId=0x0102030405060708, pPingBackoffFactor=2, ErrorCode=0))
    s['RemoteCreateInstanceResponse'] = ('RemoteCreateInstanceResponse', lambda a: response(
        dcomrt.RemoteCreateInstanceResponse, ORPCthat=orpcthat(), ppActProperties=pointer_to(activation_reply(a)), ErrorCode=0))
    s['RemoteCreateInstanceFailure'] = ('RemoteCreateInstanceResponse', lambda a: response(
        dcomrt.RemoteCreateInstanceResponse, ORPCthat=orpcthat(), ppActProperties=NULL, ErrorCode=0x80070005))

    def remqi(a):
        r = response(RemQueryInterfaceResponse_IDL, ORPCthat=orpcthat(), ErrorCode=0)
        q = REMQIRESULT()
        q['hResult'] = 0
        q['std']['flags'] = 0
        q['std']['cPublicRefs'] = 5
        q['std']['oxid'] = 0x1122334455667788
        q['std']['oid'] = 0x0a0b0c0d0e0f1011
        q['std']['ipid'] = string_to_bin('0000a401-1f2c-4d3e-8f90-0a1b2c3d4e5f')
        r['ppQIResults'].append(q)
        return r

    s['RemQueryInterfaceResponse'] = ('RemQueryInterfaceResponse_IDL', remqi)

    def addref(a):
        r = response(dcomrt.RemAddRefResponse, ORPCthat=orpcthat(), ErrorCode=0)
        for hr in (0, 0x80004002):
            d = dcomrt.DWORD()
            d['Data'] = hr
            r['pResults'].append(d)
        return r

    s['RemAddRefResponse'] = ('RemAddRefResponse', addref)
    s['RemReleaseResponse'] = ('RemReleaseResponse', lambda a: response(dcomrt.RemReleaseResponse, ORPCthat=orpcthat(), ErrorCode=0))

    def remoteactivation(a):
        r = response(dcomrt.RemoteActivationResponse, ORPCthat=orpcthat(), pOxid=0x1122334455667788,
                     ppdsaOxidBindings=EXPORTER, pipidRemUnknown=IPID_REM_UNKNOWN, pAuthnHint=6, phr=0, ErrorCode=0)
        r['pServerVersion']['MajorVersion'] = 5
        r['pServerVersion']['MinorVersion'] = 7
        r['ppInterfaceData'].append(pointer_to(SERVICES_REF))
        h = HRESULT()
        h['Data'] = 0
        r['pResults'].append(h)
        return r

    s['RemoteActivationResponse'] = ('RemoteActivationResponse', remoteactivation)

    def remqi2(a):
        r = response(RemQueryInterface2Response_IDL, ORPCthat=orpcthat(), ErrorCode=0)
        for hr in (0, 0x80004002):
            h = HRESULT()
            h['Data'] = hr
            r['phr'].append(h)
        r['ppMIF'].append(pointer_to(SERVICES_REF))
        r['ppMIF'].append(NULL)
        return r

    s['RemQueryInterface2Response'] = ('RemQueryInterface2Response_IDL', remqi2)
    return s


def wmi_responses():
    s = {}
    answer = lambda cls, **f: response(cls, ORPCthat=orpcthat(), **f)
    s['NTLMLoginResponse'] = ('IWbemLevel1Login_NTLMLoginResponse', lambda a: answer(
        wmi.IWbemLevel1Login_NTLMLoginResponse, ppNamespace=pointer_to(SERVICES_REF), ErrorCode=0))
    s['NTLMLoginDenied'] = ('IWbemLevel1Login_NTLMLoginResponse', lambda a: answer(
        wmi.IWbemLevel1Login_NTLMLoginResponse, ppNamespace=NULL, ErrorCode=0x80041003))
    s['EstablishPositionResponse'] = ('IWbemLevel1Login_EstablishPositionResponse', lambda a: answer(
        wmi.IWbemLevel1Login_EstablishPositionResponse, LocaleVersion=0, ErrorCode=0))

    def challenge(a):
        r = answer(wmi.IWbemLevel1Login_RequestChallengeResponse, ErrorCode=0x8004100C)
        r['reserved3'] = [bytes([i]) for i in range(16)]
        return r

    s['RequestChallengeResponse'] = ('IWbemLevel1Login_RequestChallengeResponse', challenge)
    s['WBEMLoginResponse'] = ('IWbemLevel1Login_WBEMLoginResponse_IDL', lambda a: answer(
        IWbemLevel1Login_WBEMLoginResponse_IDL, reserved5=NULL, ErrorCode=0x8004100C))
    s['ExecQueryResponse'] = ('IWbemServices_ExecQueryResponse', lambda a: answer(
        wmi.IWbemServices_ExecQueryResponse, ppEnum=pointer_to(ENUM_REF), ErrorCode=0))
    s['ExecQueryInvalid'] = ('IWbemServices_ExecQueryResponse', lambda a: answer(
        wmi.IWbemServices_ExecQueryResponse, ppEnum=NULL, ErrorCode=0x80041017))
    s['CreateInstanceEnumResponse'] = ('IWbemServices_CreateInstanceEnumResponse', lambda a: answer(
        wmi.IWbemServices_CreateInstanceEnumResponse, ppEnum=pointer_to(ENUM_REF), ErrorCode=0))

    def pp(data):
        p = PPMInterfacePointer()
        p['Data'] = pointer_to(data) if data is not None else NULL
        return p

    s['GetObjectResponse'] = ('IWbemServices_GetObjectResponse', lambda a: answer(
        wmi.IWbemServices_GetObjectResponse, ppObject=pp(a), ppCallResult=NULL, ErrorCode=0))
    s['ExecMethodResponse'] = ('IWbemServices_ExecMethodResponse', lambda a: answer(
        wmi.IWbemServices_ExecMethodResponse, ppOutParams=pp(a), ppCallResult=NULL, ErrorCode=0))
    s['PutInstanceResponse'] = ('IWbemServices_PutInstanceResponse', lambda a: answer(
        wmi.IWbemServices_PutInstanceResponse, ppCallResult=pp(CALL_RESULT_REF), ErrorCode=0))
    s['DeleteInstanceResponse'] = ('IWbemServices_DeleteInstanceResponse', lambda a: answer(
        wmi.IWbemServices_DeleteInstanceResponse, ppCallResult=NULL, ErrorCode=0x80041002))
    s['OpenNamespaceResponse'] = ('IWbemServices_OpenNamespaceResponse', lambda a: answer(
        wmi.IWbemServices_OpenNamespaceResponse, ppWorkingNamespace=pp(SERVICES_REF), ppResult=NULL, ErrorCode=0))

    def enum_next(a):
        r = answer(wmi.IEnumWbemClassObject_NextResponse, puReturned=2, ErrorCode=1)
        r['apObjects'].append(pointer_to(a))
        r['apObjects'].append(pointer_to(a))
        return r

    s['EnumNextResponse'] = ('IEnumWbemClassObject_NextResponse', enum_next)
    s['EnumCloneResponse'] = ('IEnumWbemClassObject_CloneResponse', lambda a: answer(
        wmi.IEnumWbemClassObject_CloneResponse, ppEnum=pointer_to(ENUM_REF), ErrorCode=0))
    s['EnumResetResponse'] = ('IEnumWbemClassObject_ResetResponse', lambda a: answer(
        wmi.IEnumWbemClassObject_ResetResponse, ErrorCode=0))
    s['GetSmartEnumResponse'] = ('IWbemFetchSmartEnum_GetSmartEnumResponse', lambda a: answer(
        wmi.IWbemFetchSmartEnum_GetSmartEnumResponse,
        ppSmartEnum=pointer_to(standard_objref('423ec01e-2e35-11d2-b604-00104b703efd', 0x1122334455667788, 0x4041424344454647,
                                               '00009c04-1f2c-4d3e-8f90-0a1b2c3d4e5f')), ErrorCode=0))

    def smart_next(a):
        r = answer(IWbemWCOSmartEnum_NextResponse_IDL, puReturned=3, pdwBuffSize=len(a), ErrorCode=0)
        r['pBuffer'] = [bytes([x]) for x in a]
        return r

    s['SmartEnumNextResponse'] = ('IWbemWCOSmartEnum_NextResponse_IDL', smart_next)
    s['GetCallStatusResponse'] = ('IWbemCallResult_GetCallStatusResponse', lambda a: answer(
        wmi.IWbemCallResult_GetCallStatusResponse, plStatus=0x80041002, ErrorCode=0))

    def result_string(a):
        r = answer(wmi.IWbemCallResult_GetResultStringResponse, ErrorCode=0)
        r['pstrResultString']['asData'] = 'SMS_Site.SiteCode="CAS"'
        return r

    s['GetResultStringResponse'] = ('IWbemCallResult_GetResultStringResponse', result_string)
    s['GetResultObjectResponse'] = ('IWbemCallResult_GetResultObjectResponse', lambda a: answer(
        wmi.IWbemCallResult_GetResultObjectResponse, ppResultObject=pointer_to(a), ErrorCode=0))
    return s


def smart_next_request(a):
    r = IWbemWCOSmartEnum_Next_IDL()
    this = ORPCTHIS()
    this['cid'] = CID
    this['extensions'] = NULL
    this['flags'] = 0
    r['ORPCthis'] = this
    r['proxyGUID'] = string_to_bin('a1b2c3d4-e5f6-4718-9a0b-1c2d3e4f5061')
    r['lTimeout'] = 0xFFFFFFFF
    r['uCount'] = 100
    return r


def remqi2_request(a):
    r = RemQueryInterface2_IDL()
    this = ORPCTHIS()
    this['cid'] = CID
    this['extensions'] = NULL
    this['flags'] = 0
    r['ORPCthis'] = this
    r['ripid'] = IPID
    r['cIids'] = 2
    for text in (IID_IWBEMSERVICES, '1c1c45ee-4395-11d2-b60b-00104b703efd'):
        i = IID()
        i['Data'] = string_to_bin(text)
        r['iids'].append(i)
    return r


def release_with_extension(a):
    """A RemRelease whose ORPCTHIS carries one extension (an error-information extent of 5 bytes, padded to 8),
    built with impacket's ORPC_EXTENT_ARRAY: the pointer array has (size+1)&~1 = 2 slots, the second NULL."""
    ext = ORPC_EXTENT()
    ext['id'] = string_to_bin('0000031c-0000-0000-c000-000000000046')
    ext['size'] = 5
    ext['data'] = list(b'\x01\x02\x03\x04\x05\x00\x00\x00')
    extents = ORPC_EXTENT_ARRAY()
    extents['size'] = 1
    extents['reserved'] = 0
    pointer = PORPC_EXTENT()
    pointer['Data'] = ext
    extents['extent'].append(pointer)
    extents['extent'].append(NULL)
    this = ORPCTHIS()
    this['cid'] = CID
    this['flags'] = 0
    this['extensions'] = extents
    r = dcomrt.RemRelease()
    r['ORPCthis'] = this
    r['cInterfaceRefs'] = 1
    ref = REMINTERFACEREF()
    ref['ipid'] = IPID
    ref['cPublicRefs'] = 5
    ref['cPrivateRefs'] = 0
    r['InterfaceRefs'].append(ref)
    return r


SCENARIOS = {}
SCENARIOS.update(scenario_requests())
SCENARIOS.update(scenario_responses())
SCENARIOS.update(wmi_responses())
SCENARIOS['SmartEnumNext'] = ('IWbemWCOSmartEnum_Next_IDL', smart_next_request)
SCENARIOS['RemQueryInterface2'] = ('RemQueryInterface2_IDL', remqi2_request)
SCENARIOS['RemReleaseExtension'] = ('RemRelease', release_with_extension)


def emit(task, values):
    for path, value in values.items():
        sys.stdout.write('%s\t%s\t%s\n' % (task, path, str(value).encode('utf-8').hex()))


def main():
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line:
                continue
            task, op, name, arg = (line.split('\t') + [''])[:4]
            data = bytes.fromhex(arg)
            values = {}
            if op == 'decode':
                flat(values, '', STRUCTURES[name](data))
            elif op == 'build':
                structure, build = SCENARIOS[name]
                stub = build(data).getData()
                values['#hex'] = stub.hex()
                values['#structure'] = structure
                flat(values, '', STRUCTURES[structure](stub))
            else:
                raise ValueError(op)
            emit(task, values)


if __name__ == '__main__':
    main()
