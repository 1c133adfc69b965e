// What the Fast DDS test peers share: a participant on ROS_DOMAIN_ID (default 0) with UDP only (no shared
// memory, so no fastrtps_* files are left in /dev/shm if a peer is killed) and 4 MB socket buffers (with the OS
// default of ~208 KB Fast DDS drops fragments of 900 KB images, docs/ros2-bridge.md), and topics.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <fastdds/dds/domain/DomainParticipant.hpp>
#include <fastdds/dds/domain/DomainParticipantFactory.hpp>
#include <fastdds/dds/topic/TypeSupport.hpp>
#include <fastdds/rtps/transport/UDPv4TransportDescriptor.h>

#include "RosMessagesPubSubTypes.h"

// The participant named NAME, or null (reported on stderr).
inline eprosima::fastdds::dds::DomainParticipant* peer_participant(const char* name) {
    using namespace eprosima::fastdds::dds;
    const char* dom = std::getenv("ROS_DOMAIN_ID");
    DomainParticipantQos pqos;
    pqos.name(name);
    pqos.transport().listen_socket_buffer_size = 4 * 1024 * 1024;
    pqos.transport().send_socket_buffer_size = 4 * 1024 * 1024;
    auto udp = std::make_shared<eprosima::fastdds::rtps::UDPv4TransportDescriptor>();
    udp->receiveBufferSize = 4 * 1024 * 1024;
    udp->sendBufferSize = 4 * 1024 * 1024;
    pqos.transport().user_transports.push_back(udp);
    pqos.transport().use_builtin_transports = false;
    DomainParticipant* participant =
        DomainParticipantFactory::get_instance()->create_participant(dom ? std::atoi(dom) : 0, pqos);
    if (!participant) std::fprintf(stderr, "create_participant failed\n");
    return participant;
}

// TYPE (a fastddsgen PubSubType) registered on PARTICIPANT, as DDS topic TOPIC_NAME.
template <typename PubSubType>
inline eprosima::fastdds::dds::Topic* peer_topic(eprosima::fastdds::dds::DomainParticipant* participant,
                                                 const char* topic_name) {
    using namespace eprosima::fastdds::dds;
    TypeSupport type(new PubSubType());
    type.register_type(participant);
    return participant->create_topic(topic_name, type.get_type_name(), TOPIC_QOS_DEFAULT);
}

// sensor_msgs/msg/Image registered on PARTICIPANT, as DDS topic TOPIC_NAME.
inline eprosima::fastdds::dds::Topic* peer_image_topic(eprosima::fastdds::dds::DomainParticipant* participant,
                                                       const char* topic_name) {
    return peer_topic<sensor_msgs::msg::dds_::Image_PubSubType>(participant, topic_name);
}
