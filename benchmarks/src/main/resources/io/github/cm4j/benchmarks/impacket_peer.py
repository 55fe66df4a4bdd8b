# The impacket side of cm4j's CodecPeerComparison. For each file (an IWbemClassObject OBJREF_CUSTOM) it decodes
# the object the way impacket 0.10's own IWbemClassObject.__init__ does it (dcomrt.OBJREF_CUSTOM, then
# wmi.ENCODING_UNIT of pObjectData, then ObjectBlock.parseObject()), as often as asked, times that, and then
# prints what impacket read. Run with the interpreter impacket is installed for (/usr/bin/python3 on Debian).
#
#   impacket_peer.py MIN_ITERATIONS MIN_SECONDS FILE...
#
# Output, one record a line, tab-separated:
#   TIME   FILE ITERATIONS SECONDS CPU_SECONDS   the timed loop (at least MIN_ITERATIONS decodes and MIN_SECONDS
#                                                 seconds): wall-clock time and the thread's CPU time
#   VALUE  FILE PATH HEX               HEX = the UTF-8 bytes of null | bool:true | int:42 | str:TEXT | count:3
#   ERROR  FILE HEX                    impacket could not decode the file (HEX = the message)
# PATH is a property name, NAME#/NAME[i] for array elements, NAME.PROP/NAME[i].PROP inside embedded objects,
# and __CLASS for the class name.
#
# The timed loop runs impacket unchanged. Only the printed reading is normalized afterwards, where impacket
# 0.10 returns something other than the value the bytes hold:
#  1. it reads every value-table slot whatever the NdTable says: properties it flags itself as NULL
#     ('null_default') are printed as null;
#  2. booleans come back as the strings 'True' / 'False';
#  3. arrays of strings and of objects are only recognized when their CimType has no 'inherited' bit (0x4000):
#     an inherited one comes back as the list of its elements' HeapRefs, which are followed here;
#  4. embedded objects come back as unparsed ENCODING_UNITs, which are parsed here.
# Its other known gaps (real32/real64 values raise, a uint32 4294967295 reads as NULL) are not worked around:
# they show up as an ERROR or as a difference.
import sys
import time

from impacket.dcerpc.v5.dcom.wmi import ENCODED_STRING, METHOD_SIGNATURE_BLOCK, ENCODING_UNIT
from impacket.dcerpc.v5.dcomrt import OBJREF_CUSTOM

INHERITED = 0x4000
ARRAY = 0x2000
BOOLEAN, STRING, OBJECT = 11, 8, 13


def decode(data):
    unit = ENCODING_UNIT(OBJREF_CUSTOM(data)['pObjectData'])
    unit['ObjectBlock'].parseObject()
    return unit


def timed(data, min_iterations, min_seconds):
    iterations = 0
    start = time.perf_counter()
    cpu_start = time.thread_time()
    while True:
        decode(data)
        iterations += 1
        elapsed = time.perf_counter() - start
        if iterations >= min_iterations and elapsed >= min_seconds:
            return iterations, elapsed, time.thread_time() - cpu_start


def text(value):
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'bool:' + ('true' if value else 'false')
    if isinstance(value, int):
        return 'int:' + str(value)
    if isinstance(value, bytes):
        return 'str:' + value.decode('latin-1')
    return 'str:' + str(value)


def read_object(out, prefix, block):
    block.parseObject()
    current = block.ctCurrent
    heap = block['InstanceType']['InstanceHeap']['HeapItem']
    out.append((prefix + '__CLASS', text(current['name'].split(' ')[0])))
    for name, prop in current['values'].items():
        cim_type = prop['type'] & ~INHERITED
        value = None if prop.get('null_default') else prop['value']  # normalization 1
        path = prefix + name
        if value is None:
            out.append((path, text(None)))
        elif cim_type == BOOLEAN:
            out.append((path, text(value == 'True')))  # normalization 2
        elif cim_type == OBJECT:
            read_object(out, path + '.', value['ObjectBlock'])  # normalization 4
        elif cim_type & ARRAY:
            element_type = cim_type & ~ARRAY
            out.append((path + '#', 'count:' + str(len(value))))
            for i, element in enumerate(value):
                if prop['type'] & INHERITED and isinstance(element, int) and element_type in (STRING, OBJECT):
                    element = follow(heap, element, element_type)  # normalization 3
                if element_type == OBJECT:
                    read_object(out, path + '[' + str(i) + '].', element['ObjectBlock'])
                elif element_type == BOOLEAN:
                    out.append((path + '[' + str(i) + ']', text(element == 'True')))
                else:
                    out.append((path + '[' + str(i) + ']', text(element)))
        else:
            out.append((path, text(value)))


def follow(heap, heap_ref, element_type):
    if element_type == STRING:
        return ENCODED_STRING(heap[heap_ref:])['Character']
    signature = METHOD_SIGNATURE_BLOCK(heap[heap_ref:])
    unit = ENCODING_UNIT()
    unit['ObjectEncodingLength'] = signature['EncodingLength']
    unit['ObjectBlock'] = signature['ObjectBlock']
    return unit


def main(min_iterations, min_seconds, files):
    lines = []
    for f in files:
        with open(f, 'rb') as fh:
            data = fh.read()
        try:
            iterations, seconds, cpu_seconds = timed(data, min_iterations, min_seconds)
            readings = []
            read_object(readings, '', decode(data)['ObjectBlock'])
        except Exception as e:  # any failure of impacket's parser is a result to report, not a crash
            lines.append('\t'.join(['ERROR', f, (type(e).__name__ + ': ' + str(e)).encode('utf-8').hex()]))
            continue
        lines.append('\t'.join(['TIME', f, str(iterations), repr(seconds), repr(cpu_seconds)]))
        for path, value in readings:
            lines.append('\t'.join(['VALUE', f, path, value.encode('utf-8').hex()]))
    sys.stdout.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main(int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:])
