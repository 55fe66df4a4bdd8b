# Independent oracle for the cm4j MS-WMIO encoder: decodes EncodingUnits with impacket's own
# impacket.dcerpc.v5.dcom.wmi.ENCODING_UNIT and prints every property value it reads, one per line:
#   FILE <TAB> PATH <TAB> CIMTYPE <TAB> KIND <TAB> HEX(UTF-8 text)
# KIND is null, int, bool, float (text = float.hex()), str, or class (the decoded class name).
# Embedded objects are followed (PATH "Props[0].Value"). Run with the interpreter impacket is installed for.
#
# Workarounds for impacket's known gaps live here, not in cm4j's codec:
#  1. ENCODED_VALUE.getValue slices the heap with every value before looking at its type, so real32/real64
#     values (Python floats) raise TypeError, and it takes any value 0xFFFFFFFF for a NULL heap reference, so a
#     uint32 4294967295 reads as None: numbers (not in arrays) are returned as the value table holds them.
#  2. Numbers are taken from the value table whatever the NdTable says, so a NULL uint8/uint16/... reads as
#     0xFF/0xFFFF: the NdTable bits impacket itself decodes ('null_default') are applied to every type.
#  3. Booleans come back as the strings 'True'/'False'; they are mapped to bool.
#  4. Embedded objects (and arrays of them) come back as unparsed ENCODING_UNITs: they are parsed here.
import sys

from impacket.dcerpc.v5.dcom.wmi import ENCODING_UNIT, ENCODED_VALUE

_original = ENCODED_VALUE.getValue.__func__


# sint8 uint8 sint16 uint16 sint32 uint32 sint64 uint64 real32 real64 char16 (MS-WMIO 2.2.82)
_NUMBERS = {16, 17, 2, 18, 3, 19, 20, 21, 4, 5, 103}


def _get_value(cls, cim_type, entry, heap):
    if not cim_type & 0x2000 and cim_type & ~0x4000 in _NUMBERS:
        return entry  # workaround 1
    return _original(cls, cim_type, entry, heap)


ENCODED_VALUE.getValue = classmethod(_get_value)


def emit(out, name, path, cim_type, value):
    if value is None:
        kind, text = 'null', ''
    elif isinstance(value, bool):
        kind, text = 'bool', 'true' if value else 'false'
    elif isinstance(value, int):
        kind, text = 'int', str(value)
    elif isinstance(value, float):
        kind, text = 'float', value.hex()
    elif isinstance(value, bytes):
        kind, text = 'str', value.decode('latin-1')
    else:
        kind, text = 'str', str(value)
    out.append('\t'.join([name, path, str(cim_type), kind, text.encode('utf-8').hex()]))


def walk(out, name, prefix, block):
    block.parseObject()
    current = block.ctCurrent
    emit(out, name, prefix + '__CLASS', 8, current['name'].split(' ')[0])
    for key, prop in current['values'].items():
        cim_type = prop['type'] & ~0x4000
        value = prop['value']
        if prop.get('null_default'):
            value = None  # workaround 2
        if cim_type == 11 and value in ('True', 'False'):
            value = value == 'True'  # workaround 3
        if cim_type == 13 and value is not None:
            walk(out, name, prefix + key + '.', value['ObjectBlock'])  # workaround 4
            continue
        if cim_type == 0x2000 | 13 and value is not None:
            for i, unit in enumerate(value):
                walk(out, name, prefix + key + '[' + str(i) + '].', unit['ObjectBlock'])
            continue
        if cim_type & 0x2000 and value is not None:
            emit(out, name, prefix + key + '#', cim_type, len(value))
            for i, element in enumerate(value):
                if cim_type == 0x2000 | 11 and element in ('True', 'False'):
                    element = element == 'True'
                emit(out, name, prefix + key + '[' + str(i) + ']', cim_type & ~0x2000, element)
            continue
        emit(out, name, prefix + key, cim_type, value)


def main(files):
    out = []
    for f in files:
        with open(f, 'rb') as fh:
            unit = ENCODING_UNIT(fh.read())
        walk(out, f, '', unit['ObjectBlock'])
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main(sys.argv[1:])
