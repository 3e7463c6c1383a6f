# The rospy anchor of the control-latency benchmark: Debian's rospy relays each camera Image into one Twist on
# the reply topic, as the pilot node does, doing no work of its own (a steering value from the middle row) and
# echoing the frame's seq in linear.y so the probe can match each answer to its frame. Both
# directions ask for TCP_NODELAY, as ours do, so the anchor is not slowed by Nagle's algorithm.
import sys

import rospy
from geometry_msgs.msg import Twist
from sensor_msgs.msg import Image

rospy.init_node(sys.argv[1], anonymous=False, disable_signals=True)
pub = rospy.Publisher(sys.argv[3], Twist, queue_size=1, tcp_nodelay=True)


def on_image(img):
    row = img.data[(img.height // 2) * img.step:(img.height // 2 + 1) * img.step]
    half = len(row) // 2
    t = Twist()
    t.linear.x = 1.0
    t.linear.y = img.header.seq
    t.angular.z = (sum(row[half:]) - sum(row[:half])) / (255.0 * max(1, len(row)))
    pub.publish(t)


rospy.Subscriber(sys.argv[2], Image, on_image, queue_size=1, tcp_nodelay=True, buff_size=1 << 20)
sys.stdout.write("ready\n")
sys.stdout.flush()
rospy.spin()
