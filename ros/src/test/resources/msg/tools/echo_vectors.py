# Builds ros/src/test/resources/msg/echo/*.txt: raw message bytes (hex) from Debian's rosbag/genpy and the text
# genpy's strify_message (what rostopic echo prints) makes of them.
import sys, os, math, rosbag, genpy, genpy.dynamic, binascii
from genpy.message import strify_message
out = sys.argv[1]; bags = sys.argv[2]
os.makedirs(out, exist_ok=True)
count = [0]
def emit(name, type_, md5, raw, msg, full_text=None):
    with open(os.path.join(out, name + '.txt'), 'w') as f:
        f.write('type: %s\nmd5: %s\n' % (type_, md5))
        f.write('hex: %s\n' % binascii.hexlify(raw).decode())
        if full_text is not None:
            f.write('definition-hex: %s\n' % binascii.hexlify(full_text.encode()).decode())
        back = type(msg)(); back.deserialize(raw)  # show what a subscriber sees (float32 widened, bytes)
        f.write('yaml:\n%s\n' % strify_message(back))
    count[0] += 1

def from_bag(path, picks):
    b = rosbag.Bag(path)
    seen = {}
    for topic, raw, t in b.read_messages(raw=True):
        i = seen.get(topic, 0); seen[topic] = i + 1
        for name, (ptopic, idx) in picks.items():
            if ptopic == topic and idx == i:
                type_, data, md5, pos, cls = raw
                msg = cls(); msg.deserialize(data)
                emit(name, type_, md5, data, msg)
    b.close()

from_bag(bags + '/flight_small.bag', {
    'cmd_vel_15': ('/cmd_vel', 15), 'imu_0': ('/imu', 0), 'altitude_0': ('/altitude', 0),
    'compressed_0': ('/camera/image_raw/compressed', 0)})
from_bag(bags + '/many_topics.bag', {
    'array_a5_0': ('/array/a5', 0), 'array_a1_3': ('/array/a1', 3), 'camera_info_0': ('/cam_0/camera_info', 0),
    'text_00_0': ('/text/topic_00', 0), 'text_01_1': ('/text/topic_01', 1), 'text_02_2': ('/text/topic_02', 2),
    'text_03_3': ('/text/topic_03', 3), 'text_04_4': ('/text/topic_04', 4), 'text_05_0': ('/text/topic_05', 0),
    'text_11_5': ('/text/topic_11', 5)})

import importlib.util
_s = importlib.util.spec_from_file_location("odo", "/tmp/msgs-deb/x/usr/lib/python3/dist-packages/nav_msgs/msg/_Odometry.py"); _m = importlib.util.module_from_spec(_s); _s.loader.exec_module(_m); Odometry = _m.Odometry
from rosgraph_msgs.msg import Log, Clock
from geometry_msgs.msg import TwistStamped, PoseStamped
from std_msgs.msg import Bool, Float64, Empty, Header
import io
def ser(m):
    b = io.BytesIO(); m.serialize(b); return b.getvalue()
o = Odometry(); o.header.seq = 7; o.header.stamp = genpy.Time(1700000001, 500000000); o.header.frame_id = 'odom'
o.child_frame_id = 'base_link'; o.pose.pose.position.x = 1.5; o.pose.pose.orientation.w = 1.0
o.pose.covariance = [0.01 * i for i in range(36)]; o.twist.twist.linear.x = 2.0; o.twist.twist.angular.z = -0.25
o.twist.covariance = [float(i) for i in range(36)]
emit('odometry', 'nav_msgs/Odometry', o._md5sum, ser(o), o)
l = Log(); l.header.stamp = genpy.Time(5, 6); l.level = Log.WARN; l.name = '/pilot'; l.msg = 'low "battery"\n' + 'word ' * 30
l.file = 'Pilot.java'; l.function = 'step'; l.line = 42; l.topics = ['/cmd_vel', '/rosout']
emit('log', 'rosgraph_msgs/Log', l._md5sum, ser(l), l)
c = Clock(); c.clock = genpy.Time(1700000000, 123)
emit('clock', 'rosgraph_msgs/Clock', c._md5sum, ser(c), c)
ts = TwistStamped(); ts.header.frame_id = 'base_link'; ts.header.stamp = genpy.Time(1, 2); ts.twist.linear.x = 1e-05; ts.twist.angular.z = 1e16
emit('twist_stamped', 'geometry_msgs/TwistStamped', ts._md5sum, ser(ts), ts)
ps = PoseStamped(); ps.pose.position.y = -3.25; ps.pose.orientation.z = math.sin(0.3); ps.pose.orientation.w = math.cos(0.3)
emit('pose_stamped', 'geometry_msgs/PoseStamped', ps._md5sum, ser(ps), ps)
emit('bool', 'std_msgs/Bool', Bool._md5sum, ser(Bool(True)), Bool(True))
emit('float64', 'std_msgs/Float64', Float64._md5sum, ser(Float64(-123456789.125)), Float64(-123456789.125))
emit('empty', 'std_msgs/Empty', Empty._md5sum, ser(Empty()), Empty())

inner = "float32 x\nstring name\nuint32[] ids\n"
alltypes = """# every primitive kind, constants, fixed and variable arrays, nested arrays
uint8 A_CONST=7
string S_CONST=hello # not a comment
int32 NEG=-5
bool b
int8 i8
uint8 u8
int16 i16
uint16 u16
int32 i32
uint32 u32
int64 i64
uint64 u64
float32 f32
float64 f64
string s
time t
duration d
byte by
char ch
int32[3] fixed_ints
float64[] doubles
uint16[] u16s
int64[] i64s
bool[] bools
string[] strings
time[] times
Inner[] inners
Inner[2] pair
uint8[] raw
int8[] signed_raw
float32[2] fixed_floats
Header header
"""
full = alltypes + '\n' + '=' * 80 + '\nMSG: test_msgs/Inner\n' + inner + '\n' + '=' * 80 + '\nMSG: std_msgs/Header\n' + Header._full_text
classes = genpy.dynamic.generate_dynamic('test_msgs/AllTypes', full)
A = classes['test_msgs/AllTypes']; I = classes['test_msgs/Inner']
a = A(); a.b = True; a.i8 = -128; a.u8 = 255; a.i16 = -32768; a.u16 = 65535; a.i32 = -2147483648; a.u32 = 4294967295
a.i64 = -9223372036854775808; a.u64 = 18446744073709551615; a.f32 = 0.1; a.f64 = -2.5e-300; a.s = 'tab\there'
a.t = genpy.Time(4294967295, 999999999); a.d = genpy.Duration(-3, 500); a.by = -1; a.ch = 200
a.fixed_ints = [1, -2, 3]; a.doubles = [float('nan'), float('inf'), -0.0, 1.5]; a.u16s = [0, 65535]; a.i64s = [-1, 2**40]
a.bools = [True, False]; a.strings = ['a', 'b c', '']; a.times = [genpy.Time(1, 2), genpy.Time(3, 4)]
a.inners = [I(1.5, 'one', [1, 2]), I(-2.0, '', [])]; a.pair = [I(0.0, 'p', [4294967295]), I(3.0, 'q', [])]
a.raw = bytes([0, 1, 254, 255]); a.signed_raw = [-128, 127]; a.fixed_floats = [1.0, -1.0]
a.header.seq = 3; a.header.stamp = genpy.Time(10, 20); a.header.frame_id = 'map'
emit('alltypes', 'test_msgs/AllTypes', A._md5sum, ser(a), a, full)
print(count[0], 'vectors')
