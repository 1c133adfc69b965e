/* Prints the topic descriptors idlc generates for the ROS message IDL, one line per type:
 *   <type name> size=<m_size> align=<m_align> flags=<m_flagset> nops=<m_nops> ops=<w0>,<w1>,...
 * followed by the C sample field offsets. DescriptorLayoutTest compiles this against idlc's output
 * (built with -D GID_SIZE=16 and =24) and compares every number with the Java descriptors. */
#include <stdio.h>
#include <stddef.h>
#include "RosMessages.c"
#include "RosDiscovery.c"

#define DUMP(desc, ops) dump(&desc, ops, sizeof(ops) / sizeof(ops[0]))

static void dump(const dds_topic_descriptor_t *d, const uint32_t *ops, size_t n) {
  printf("%s size=%u align=%u flags=%u nops=%u ops=", d->m_typename, d->m_size, d->m_align, d->m_flagset, d->m_nops);
  for (size_t i = 0; i < n; i++) printf(i ? ",%u" : "%u", ops[i]);
  printf("\n");
}

int main(void) {
  DUMP(sensor_msgs_msg_dds__Image__desc, sensor_msgs_msg_dds__Image__ops);
  DUMP(sensor_msgs_msg_dds__CompressedImage__desc, sensor_msgs_msg_dds__CompressedImage__ops);
  DUMP(sensor_msgs_msg_dds__CameraInfo__desc, sensor_msgs_msg_dds__CameraInfo__ops);
  DUMP(rmw_dds_common_msg_dds__ParticipantEntitiesInfo__desc, rmw_dds_common_msg_dds__ParticipantEntitiesInfo__ops);
  printf("offsets Time_.nanosec=%zu Header_.frame_id=%zu\n",
         offsetof(builtin_interfaces_msg_dds__Time_, nanosec), offsetof(std_msgs_msg_dds__Header_, frame_id));
  printf("offsets sequence._maximum=%zu sequence._length=%zu sequence._buffer=%zu sequence._release=%zu sequence=%zu\n",
         offsetof(dds_sequence_uint8, _maximum), offsetof(dds_sequence_uint8, _length),
         offsetof(dds_sequence_uint8, _buffer), offsetof(dds_sequence_uint8, _release), sizeof(dds_sequence_uint8));
  printf("offsets Image_.height=%zu Image_.width=%zu Image_.encoding=%zu Image_.is_bigendian=%zu Image_.step=%zu Image_.data=%zu\n",
         offsetof(sensor_msgs_msg_dds__Image_, height), offsetof(sensor_msgs_msg_dds__Image_, width),
         offsetof(sensor_msgs_msg_dds__Image_, encoding), offsetof(sensor_msgs_msg_dds__Image_, is_bigendian),
         offsetof(sensor_msgs_msg_dds__Image_, step), offsetof(sensor_msgs_msg_dds__Image_, data));
  printf("offsets CompressedImage_.format=%zu CompressedImage_.data=%zu\n",
         offsetof(sensor_msgs_msg_dds__CompressedImage_, format), offsetof(sensor_msgs_msg_dds__CompressedImage_, data));
  printf("offsets CameraInfo_.height=%zu CameraInfo_.width=%zu CameraInfo_.distortion_model=%zu CameraInfo_.d=%zu"
         " CameraInfo_.k=%zu CameraInfo_.r=%zu CameraInfo_.p=%zu CameraInfo_.binning_x=%zu CameraInfo_.binning_y=%zu"
         " CameraInfo_.roi=%zu RegionOfInterest_.do_rectify=%zu\n",
         offsetof(sensor_msgs_msg_dds__CameraInfo_, height), offsetof(sensor_msgs_msg_dds__CameraInfo_, width),
         offsetof(sensor_msgs_msg_dds__CameraInfo_, distortion_model), offsetof(sensor_msgs_msg_dds__CameraInfo_, d),
         offsetof(sensor_msgs_msg_dds__CameraInfo_, k), offsetof(sensor_msgs_msg_dds__CameraInfo_, r),
         offsetof(sensor_msgs_msg_dds__CameraInfo_, p), offsetof(sensor_msgs_msg_dds__CameraInfo_, binning_x),
         offsetof(sensor_msgs_msg_dds__CameraInfo_, binning_y), offsetof(sensor_msgs_msg_dds__CameraInfo_, roi),
         offsetof(sensor_msgs_msg_dds__RegionOfInterest_, do_rectify));
  printf("offsets ParticipantEntitiesInfo_.node_entities_info_seq=%zu NodeEntitiesInfo_.node_name=%zu"
         " NodeEntitiesInfo_.reader_gid_seq=%zu NodeEntitiesInfo_.writer_gid_seq=%zu NodeEntitiesInfo_=%zu Gid_=%zu\n",
         offsetof(rmw_dds_common_msg_dds__ParticipantEntitiesInfo_, node_entities_info_seq),
         offsetof(rmw_dds_common_msg_dds__NodeEntitiesInfo_, node_name),
         offsetof(rmw_dds_common_msg_dds__NodeEntitiesInfo_, reader_gid_seq),
         offsetof(rmw_dds_common_msg_dds__NodeEntitiesInfo_, writer_gid_seq),
         sizeof(rmw_dds_common_msg_dds__NodeEntitiesInfo_), sizeof(rmw_dds_common_msg_dds__Gid_));
  return 0;
}
