package dev.camrtc.dds.cyclone;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The few functions of Eclipse Cyclone DDS's C API ({@code dds/dds.h}, 0.10.x) the bridge calls.
 * Entities are {@code int32} handles; negative return values are {@code DDS_RETCODE_*} errors.
 * Loaded by {@link CycloneLoader}, which also checks the library version.
 */
interface CycloneLibrary extends Library {
    int DDS_RELIABILITY_BEST_EFFORT = 0;
    int DDS_RELIABILITY_RELIABLE = 1;
    int DDS_DURABILITY_VOLATILE = 0;
    int DDS_DURABILITY_TRANSIENT_LOCAL = 1;
    int DDS_HISTORY_KEEP_LAST = 0;
    int DDS_DATA_AVAILABLE_STATUS = 1 << 8;
    /** sizeof(dds_sample_info_t) on LP64 (0.10.x); {@code bool valid_data} at offset 12. */
    int SAMPLE_INFO_SIZE = 64;
    int SAMPLE_INFO_VALID_DATA = 12;

    int dds_create_domain(int domain, String config);

    int dds_create_participant(int domain, Pointer qos, Pointer listener);

    int dds_create_topic(int participant, Pointer descriptor, String name, Pointer qos, Pointer listener);

    int dds_create_writer(int participantOrPublisher, int topic, Pointer qos, Pointer listener);

    int dds_write(int writer, Pointer data);

    int dds_create_reader(int participantOrSubscriber, int topic, Pointer qos, Pointer listener);

    /**
     * Takes up to {@code maxs} samples; with {@code buf[0] == NULL} Cyclone lends its own sample memory,
     * given back with {@link #dds_return_loan}. {@code infos}: {@code maxs} x {@value #SAMPLE_INFO_SIZE}-byte
     * {@code dds_sample_info_t}.
     */
    int dds_take(int readerOrCondition, Pointer buf, Pointer infos, long bufsz, int maxs);

    /** Like {@link #dds_take} but leaves the samples in the reader; {@code mask}: sample/view/instance states. */
    int dds_read_mask(int readerOrCondition, Pointer buf, Pointer infos, long bufsz, int maxs, int mask);

    int dds_return_loan(int readerOrCondition, Pointer buf, int bufsz);

    /** Fills a {@code dds_subscription_matched_status_t} (uint32 total, int32 change, uint32 current @8, ...). */
    int dds_get_subscription_matched_status(int reader, Pointer status);

    int dds_set_status_mask(int entity, int mask);

    int dds_create_waitset(int owner);

    int dds_waitset_attach(int waitset, int entity, long attachment);

    int dds_waitset_detach(int waitset, int entity);

    /** Returns the number of triggered entities (0 on timeout) or a negative error. */
    int dds_waitset_wait(int waitset, Pointer xs, long nxs, long reltimeoutNanos);

    int dds_delete(int entity);

    int dds_get_guid(int entity, Pointer guid16);

    /** Fills a {@code dds_publication_matched_status_t} (uint32 total, int32 change, uint32 current, int32 change, int64 handle). */
    int dds_get_publication_matched_status(int writer, Pointer status);

    Pointer dds_create_qos();

    void dds_delete_qos(Pointer qos);

    void dds_qset_reliability(Pointer qos, int kind, long maxBlockingTimeNanos);

    void dds_qset_durability(Pointer qos, int kind);

    void dds_qset_history(Pointer qos, int kind, int depth);

    void dds_qset_userdata(Pointer qos, Pointer value, long size);

    String dds_strretcode(int ret);
}
