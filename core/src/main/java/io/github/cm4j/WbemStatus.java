package io.github.cm4j;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The WMI status and error codes (WBEMSTATUS): the HRESULTs that a WMI server, such as the ConfigMgr SMS
 * Provider, answers with.
 *
 * <p>Sources, cross-checked against one another:
 * <ul>
 *   <li>[MS-WMI] section 2.2.11, <i>WBEMSTATUS Enumeration</i> — the codes the protocol puts on the wire
 *       (<a href="https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-wmi/a2899649-a5a3-4b13-9ffa-d8394dcdac63">MS-WMI 2.2.11</a>);</li>
 *   <li>the {@code WBEMSTATUS} enumeration of the Windows SDK header {@code WbemCli.h}
 *       (<a href="https://learn.microsoft.com/en-us/windows/win32/api/wbemcli/ne-wbemcli-wbemstatus">WBEMSTATUS</a>),
 *       which adds codes that MS-WMI calls local-only, the event subsystem codes ({@code WBEMESS_E_*},
 *       0x80042001..) and the MOF compiler codes ({@code WBEMMOF_E_*}, 0x80044001..);</li>
 *   <li>Microsoft's <a href="https://learn.microsoft.com/en-us/windows/win32/wmisdk/wmi-error-constants">WMI Error
 *       Constants</a> and <a href="https://learn.microsoft.com/en-us/windows/win32/wmisdk/wmi-non-error-constants">WMI
 *       Non-Error Constants</a> pages, which also list four members of {@code WbemProv.h}'s
 *       {@code WBEM_EXTRA_RETURN_CODES} (0x43001.., 0x80043001..).</li>
 * </ul>
 *
 * <p>Each code appears once. Where the sources give one code several names, the constant carries the
 * [MS-WMI] 2.2.11 name (or, for codes MS-WMI does not list, the {@code WbemCli.h} name) and the other
 * names are {@linkplain #aliases() aliases} that {@link #fromName(String)} also accepts:
 * <ul>
 *   <li>0 — {@link #WBEM_S_NO_ERROR}; {@code WbemCli.h} also names it {@code WBEM_NO_ERROR} and
 *       {@code WBEM_S_SAME}, {@code WbemProv.h} {@code WBEM_S_INITIALIZED};</li>
 *   <li>0x80042001 / 0x80042002 — MS-WMI names them {@link #WBEM_E_REGISTRATION_TOO_BROAD} /
 *       {@link #WBEM_E_REGISTRATION_TOO_PRECISE}, {@code WbemCli.h} {@code WBEMESS_E_REGISTRATION_TOO_BROAD} /
 *       {@code WBEMESS_E_REGISTRATION_TOO_PRECISE};</li>
 *   <li>0x8004106D / 0x8004106E — {@code WbemCli.h} names them {@link #WBEM_E_RESERVED_001} /
 *       {@link #WBEM_E_RESERVED_002}, the WMI Error Constants page {@code WBEM_E_TRANSACTION_CONFLICT} /
 *       {@code WBEM_E_FORCED_ROLLBACK}.</li>
 * </ul>
 *
 * <p>{@link #E_NOTIMPL} (0x80004001) is not a WMI code but [MS-WMI] 2.2.11 lists it in the enumeration, so it
 * is here too. Codes outside this table (for example {@code E_ACCESSDENIED} 0x80070005 from DCOM) are still
 * valid HRESULTs: {@link #fromCode(int)} answers empty for them and {@link #nameOf(int)} formats them in hex.
 *
 * <p>The {@linkplain #description() descriptions} are short paraphrases of the documented meanings.
 */
public enum WbemStatus {

    // ---- success codes (severity bit clear) ----

    /** 0x00000000 — [MS-WMI] 2.2.11; aliases {@code WBEM_NO_ERROR}, {@code WBEM_S_SAME}, {@code WBEM_S_INITIALIZED}. */
    WBEM_S_NO_ERROR(0x00000000, "the operation succeeded", "WBEM_NO_ERROR", "WBEM_S_SAME", "WBEM_S_INITIALIZED"),
    /** 0x00000001 — [MS-WMI] 2.2.11. */
    WBEM_S_FALSE(0x00000001, "no more objects: fewer than requested were returned or the enumeration has ended"),
    /** 0x00040001 — WbemCli.h. */
    WBEM_S_ALREADY_EXISTS(0x00040001, "the object or class to create already exists"),
    /** 0x00040002 — WbemCli.h. */
    WBEM_S_RESET_TO_DEFAULT(0x00040002, "an overriding value was deleted and the inherited value applies again"),
    /** 0x00040003 — WbemCli.h. */
    WBEM_S_DIFFERENT(0x00040003, "the compared items are not identical"),
    /** 0x00040004 — [MS-WMI] 2.2.11. */
    WBEM_S_TIMEDOUT(0x00040004, "the call timed out before completing; some results may have been returned"),
    /** 0x00040005 — WbemCli.h. */
    WBEM_S_NO_MORE_DATA(0x00040005, "the enumeration has no more data and should be ended"),
    /** 0x00040006 — WbemCli.h. */
    WBEM_S_OPERATION_CANCELLED(0x00040006, "the operation was cancelled"),
    /** 0x00040007 — WbemCli.h. */
    WBEM_S_PENDING(0x00040007, "the request is still in progress; results are not available yet"),
    /** 0x00040008 — WbemCli.h. */
    WBEM_S_DUPLICATE_OBJECTS(0x00040008, "the result set contains more than one copy of the same object"),
    /** 0x00040009 — WbemCli.h. */
    WBEM_S_ACCESS_DENIED(0x00040009, "access was denied to some, but not all, of the resources"),
    /** 0x00040010 — [MS-WMI] 2.2.11. */
    WBEM_S_PARTIAL_RESULTS(0x00040010, "not all requested objects or properties could be returned"),
    /** 0x00040017 — WbemCli.h. */
    WBEM_S_SOURCE_NOT_AVAILABLE(0x00040017, "a source of the results was not available"),
    /** 0x000400FF — [MS-WMI] 2.2.11 only (not in WbemCli.h). */
    WBEM_S_NEW_STYLE(0x000400FF, "the server supports the ObjectArray encoding (MS-WMI 3.1.4.2.1)"),
    /** 0x00043001 — WbemProv.h {@code WBEM_EXTRA_RETURN_CODES}; WMI Non-Error Constants. */
    WBEM_S_LIMITED_SERVICE(0x00043001, "the provider can give only limited service"),
    /** 0x00043002 — WbemProv.h {@code WBEM_EXTRA_RETURN_CODES}; WMI Non-Error Constants. */
    WBEM_S_INDIRECTLY_UPDATED(0x00043002, "reserved for future use (indirectly updated)"),
    /** 0x00043003 — WbemProv.h {@code WBEM_EXTRA_RETURN_CODES} only. */
    WBEM_S_SUBJECT_TO_SDS(0x00043003, "the result is subject to security descriptors (undocumented)"),

    // ---- generic COM code listed by [MS-WMI] 2.2.11 ----

    /** 0x80004001 — [MS-WMI] 2.2.11 (a generic COM HRESULT, [MS-ERREF] 2.1). */
    E_NOTIMPL(0x80004001, "the operation is not implemented"),

    // ---- WMI core errors 0x80041001.. ----

    /** 0x80041001 — [MS-WMI] 2.2.11. */
    WBEM_E_FAILED(0x80041001, "the call failed for an unspecified reason"),
    /** 0x80041002 — [MS-WMI] 2.2.11. */
    WBEM_E_NOT_FOUND(0x80041002, "the object does not exist"),
    /** 0x80041003 — [MS-WMI] 2.2.11. */
    WBEM_E_ACCESS_DENIED(0x80041003, "the caller lacks the permission needed for this operation"),
    /** 0x80041004 — [MS-WMI] 2.2.11. */
    WBEM_E_PROVIDER_FAILURE(0x80041004, "the provider failed after it was initialized"),
    /** 0x80041005 — [MS-WMI] 2.2.11. */
    WBEM_E_TYPE_MISMATCH(0x80041005, "a property or parameter value has the wrong type"),
    /** 0x80041006 — [MS-WMI] 2.2.11. */
    WBEM_E_OUT_OF_MEMORY(0x80041006, "the server ran out of memory"),
    /** 0x80041007 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_CONTEXT(0x80041007, "the IWbemContext is not valid or lacks required values"),
    /** 0x80041008 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_PARAMETER(0x80041008, "a parameter of the call is not valid"),
    /** 0x80041009 — [MS-WMI] 2.2.11. */
    WBEM_E_NOT_AVAILABLE(0x80041009, "the resource, typically a remote server, is not available"),
    /** 0x8004100A — [MS-WMI] 2.2.11. */
    WBEM_E_CRITICAL_ERROR(0x8004100A, "an internal, critical and unexpected error occurred"),
    /** 0x8004100B — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_INVALID_STREAM(0x8004100B, "network packets were corrupted during a remote session"),
    /** 0x8004100C — [MS-WMI] 2.2.11. */
    WBEM_E_NOT_SUPPORTED(0x8004100C, "the feature or operation is not supported"),
    /** 0x8004100D — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_SUPERCLASS(0x8004100D, "the parent class is not valid or does not exist"),
    /** 0x8004100E — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_NAMESPACE(0x8004100E, "the namespace does not exist"),
    /** 0x8004100F — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_OBJECT(0x8004100F, "the instance is not valid or lacks required information"),
    /** 0x80041010 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_CLASS(0x80041010, "the class does not exist or its name is not valid"),
    /** 0x80041011 — [MS-WMI] 2.2.11. */
    WBEM_E_PROVIDER_NOT_FOUND(0x80041011, "the provider named in the schema is not registered"),
    /** 0x80041012 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_PROVIDER_REGISTRATION(0x80041012, "the provider registration is wrong or incomplete"),
    /** 0x80041013 — [MS-WMI] 2.2.11. */
    WBEM_E_PROVIDER_LOAD_FAILURE(0x80041013, "the provider could not be loaded"),
    /** 0x80041014 — [MS-WMI] 2.2.11. */
    WBEM_E_INITIALIZATION_FAILURE(0x80041014, "a component, such as a provider, failed to initialize"),
    /** 0x80041015 — [MS-WMI] 2.2.11. */
    WBEM_E_TRANSPORT_FAILURE(0x80041015, "a network error prevented normal operation"),
    /** 0x80041016 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_OPERATION(0x80041016, "the requested operation is not valid"),
    /** 0x80041017 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_QUERY(0x80041017, "the query is not valid"),
    /** 0x80041018 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_QUERY_TYPE(0x80041018, "the query language is not supported"),
    /** 0x80041019 — [MS-WMI] 2.2.11. */
    WBEM_E_ALREADY_EXISTS(0x80041019, "the object already exists and create-only was requested"),
    /** 0x8004101A — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_OVERRIDE_NOT_ALLOWED(0x8004101A, "the qualifier cannot be overridden on this object"),
    /** 0x8004101B — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_PROPAGATED_QUALIFIER(0x8004101B, "the qualifier is inherited and cannot be deleted here"),
    /** 0x8004101C — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_PROPAGATED_PROPERTY(0x8004101C, "the property is inherited and cannot be deleted here"),
    /** 0x8004101D — [MS-WMI] 2.2.11. */
    WBEM_E_UNEXPECTED(0x8004101D, "an unexpected error or an illegal sequence of calls"),
    /** 0x8004101E — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_ILLEGAL_OPERATION(0x8004101E, "the operation is illegal, such as deriving a class from an instance"),
    /** 0x8004101F — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_CANNOT_BE_KEY(0x8004101F, "a key qualifier was put on a property that cannot be a key"),
    /** 0x80041020 — [MS-WMI] 2.2.11. */
    WBEM_E_INCOMPLETE_CLASS(0x80041020, "the object is not a complete, registered class definition"),
    /** 0x80041021 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_INVALID_SYNTAX(0x80041021, "the query syntax is not valid"),
    /** 0x80041022 — WbemCli.h; unused per [MS-WMI]. */
    WBEM_E_NONDECORATED_OBJECT(0x80041022, "reserved for future use (object without server and namespace)"),
    /** 0x80041023 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_READ_ONLY(0x80041023, "the property is read-only"),
    /** 0x80041024 — [MS-WMI] 2.2.11. */
    WBEM_E_PROVIDER_NOT_CAPABLE(0x80041024, "the provider cannot perform this operation on the class"),
    /** 0x80041025 — [MS-WMI] 2.2.11. */
    WBEM_E_CLASS_HAS_CHILDREN(0x80041025, "the class cannot be changed because it has subclasses"),
    /** 0x80041026 — [MS-WMI] 2.2.11. */
    WBEM_E_CLASS_HAS_INSTANCES(0x80041026, "the class cannot be changed or deleted because it has instances"),
    /** 0x80041027 — WbemCli.h; unused per [MS-WMI]. */
    WBEM_E_QUERY_NOT_IMPLEMENTED(0x80041027, "reserved for future use (query not implemented)"),
    /** 0x80041028 — [MS-WMI] 2.2.11. */
    WBEM_E_ILLEGAL_NULL(0x80041028, "a property that must have a value was set to null"),
    /** 0x80041029 — WbemCli.h. */
    WBEM_E_INVALID_QUALIFIER_TYPE(0x80041029, "the qualifier value has a type that qualifiers cannot have"),
    /** 0x8004102A — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_INVALID_PROPERTY_TYPE(0x8004102A, "the CIM type given for a property is not valid"),
    /** 0x8004102B — WbemCli.h. */
    WBEM_E_VALUE_OUT_OF_RANGE(0x8004102B, "a value is out of range or does not fit its type"),
    /** 0x8004102C — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_CANNOT_BE_SINGLETON(0x8004102C, "the class cannot be made a singleton"),
    /** 0x8004102D — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_CIM_TYPE(0x8004102D, "the CIM type is not valid"),
    /** 0x8004102E — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_METHOD(0x8004102E, "the method does not exist on this object"),
    /** 0x8004102F — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_METHOD_PARAMETERS(0x8004102F, "the method parameters are not valid"),
    /** 0x80041030 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_SYSTEM_PROPERTY(0x80041030, "system properties have no qualifiers"),
    /** 0x80041031 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_PROPERTY(0x80041031, "the property does not exist or is not recognized"),
    /** 0x80041032 — [MS-WMI] 2.2.11. */
    WBEM_E_CALL_CANCELLED(0x80041032, "the call was cancelled; it may be retried"),
    /** 0x80041033 — [MS-WMI] 2.2.11. */
    WBEM_E_SHUTTING_DOWN(0x80041033, "WMI is shutting down"),
    /** 0x80041034 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_PROPAGATED_METHOD(0x80041034, "an inherited method was redeclared with a different signature"),
    /** 0x80041035 — WbemCli.h; unused per [MS-WMI]. */
    WBEM_E_UNSUPPORTED_PARAMETER(0x80041035, "a parameter value, such as a query, is too complex or not supported"),
    /** 0x80041036 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_MISSING_PARAMETER_ID(0x80041036, "a method parameter has no ID qualifier"),
    /** 0x80041037 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_INVALID_PARAMETER_ID(0x80041037, "a method parameter has an ID qualifier that is not valid"),
    /** 0x80041038 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_NONCONSECUTIVE_PARAMETER_IDS(0x80041038, "the ID qualifiers of the method parameters are out of sequence"),
    /** 0x80041039 — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_PARAMETER_ID_ON_RETVAL(0x80041039, "the method return value has an ID qualifier"),
    /** 0x8004103A — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_OBJECT_PATH(0x8004103A, "the object path is not valid"),
    /** 0x8004103B — [MS-WMI] 2.2.11. */
    WBEM_E_OUT_OF_DISK_SPACE(0x8004103B, "the disk, or the repository size limit, is full"),
    /** 0x8004103C — WbemCli.h; local only per [MS-WMI]. */
    WBEM_E_BUFFER_TOO_SMALL(0x8004103C, "the buffer is too small for the result"),
    /** 0x8004103D — [MS-WMI] 2.2.11. */
    WBEM_E_UNSUPPORTED_PUT_EXTENSION(0x8004103D, "the provider does not support this kind of put"),
    /** 0x8004103E — WbemCli.h. */
    WBEM_E_UNKNOWN_OBJECT_TYPE(0x8004103E, "an object of unknown type or version was met while marshaling"),
    /** 0x8004103F — WbemCli.h. */
    WBEM_E_UNKNOWN_PACKET_TYPE(0x8004103F, "a packet of unknown type or version was met while marshaling"),
    /** 0x80041040 — WbemCli.h. */
    WBEM_E_MARSHAL_VERSION_MISMATCH(0x80041040, "the packet version is not supported"),
    /** 0x80041041 — WbemCli.h. */
    WBEM_E_MARSHAL_INVALID_SIGNATURE(0x80041041, "the packet appears to be corrupt"),
    /** 0x80041042 — WbemCli.h. */
    WBEM_E_INVALID_QUALIFIER(0x80041042, "a qualifier was used where it does not belong"),
    /** 0x80041043 — WbemCli.h. */
    WBEM_E_INVALID_DUPLICATE_PARAMETER(0x80041043, "a method declares the same parameter twice"),
    /** 0x80041044 — WbemCli.h. */
    WBEM_E_TOO_MUCH_DATA(0x80041044, "reserved for future use (too much data)"),
    /** 0x80041045 — [MS-WMI] 2.2.11. */
    WBEM_E_SERVER_TOO_BUSY(0x80041045, "the server is too busy to complete the operation now"),
    /** 0x80041046 — WbemCli.h. */
    WBEM_E_INVALID_FLAVOR(0x80041046, "the qualifier flavor is not valid"),
    /** 0x80041047 — WbemCli.h. */
    WBEM_E_CIRCULAR_REFERENCE(0x80041047, "the reference is circular, such as a class deriving from itself"),
    /** 0x80041048 — WbemCli.h. */
    WBEM_E_UNSUPPORTED_CLASS_UPDATE(0x80041048, "this change to the class is not supported"),
    /** 0x80041049 — WbemCli.h. */
    WBEM_E_CANNOT_CHANGE_KEY_INHERITANCE(0x80041049, "the key cannot change while instances or subclasses use it"),
    /** 0x80041050 — WbemCli.h. */
    WBEM_E_CANNOT_CHANGE_INDEX_INHERITANCE(0x80041050, "the index cannot change while instances or subclasses use it"),
    /** 0x80041051 — WbemCli.h. */
    WBEM_E_TOO_MANY_PROPERTIES(0x80041051, "the class would have more properties than supported"),
    /** 0x80041052 — WbemCli.h. */
    WBEM_E_UPDATE_TYPE_MISMATCH(0x80041052, "a derived class redefines a property with a conflicting type"),
    /** 0x80041053 — WbemCli.h. */
    WBEM_E_UPDATE_OVERRIDE_NOT_ALLOWED(0x80041053, "a derived class overrides a qualifier that cannot be overridden"),
    /** 0x80041054 — WbemCli.h. */
    WBEM_E_UPDATE_PROPAGATED_METHOD(0x80041054, "a derived class redeclares a method with a conflicting signature"),
    /** 0x80041055 — [MS-WMI] 2.2.11. */
    WBEM_E_METHOD_NOT_IMPLEMENTED(0x80041055, "the method is not marked implemented in any relevant class"),
    /** 0x80041056 — [MS-WMI] 2.2.11. */
    WBEM_E_METHOD_DISABLED(0x80041056, "the method is marked disabled"),
    /** 0x80041057 — WbemCli.h. */
    WBEM_E_REFRESHER_BUSY(0x80041057, "the refresher is busy with another operation"),
    /** 0x80041058 — [MS-WMI] 2.2.11. */
    WBEM_E_UNPARSABLE_QUERY(0x80041058, "the query cannot be parsed"),
    /** 0x80041059 — [MS-WMI] 2.2.11. */
    WBEM_E_NOT_EVENT_CLASS(0x80041059, "the FROM class of the event query is not an event class"),
    /** 0x8004105A — [MS-WMI] 2.2.11. */
    WBEM_E_MISSING_GROUP_WITHIN(0x8004105A, "GROUP BY was used without GROUP WITHIN"),
    /** 0x8004105B — [MS-WMI] 2.2.11. */
    WBEM_E_MISSING_AGGREGATION_LIST(0x8004105B, "GROUP BY was used with aggregation, which is not supported"),
    /** 0x8004105C — [MS-WMI] 2.2.11. */
    WBEM_E_PROPERTY_NOT_AN_OBJECT(0x8004105C, "dot notation was used on a property that is not an embedded object"),
    /** 0x8004105D — [MS-WMI] 2.2.11. */
    WBEM_E_AGGREGATING_BY_OBJECT(0x8004105D, "GROUP BY names an embedded object without dot notation"),
    /** 0x8004105F — WbemCli.h. */
    WBEM_E_UNINTERPRETABLE_PROVIDER_QUERY(0x8004105F, "the event provider registration query does not name its classes"),
    /** 0x80041060 — [MS-WMI] 2.2.11. */
    WBEM_E_BACKUP_RESTORE_WINMGMT_RUNNING(0x80041060, "the repository cannot be backed up or restored while in use"),
    /** 0x80041061 — [MS-WMI] 2.2.11. */
    WBEM_E_QUEUE_OVERFLOW(0x80041061, "the event queue overflowed because the consumer is too slow"),
    /** 0x80041062 — [MS-WMI] 2.2.11. */
    WBEM_E_PRIVILEGE_NOT_HELD(0x80041062, "the caller does not hold a required privilege"),
    /** 0x80041063 — [MS-WMI] 2.2.11. */
    WBEM_E_INVALID_OPERATOR(0x80041063, "a query operator is not valid for this property type"),
    /** 0x80041064 — WbemCli.h. */
    WBEM_E_LOCAL_CREDENTIALS(0x80041064, "credentials cannot be given on a local connection"),
    /** 0x80041065 — [MS-WMI] 2.2.11. */
    WBEM_E_CANNOT_BE_ABSTRACT(0x80041065, "the class cannot be abstract because its parent is not"),
    /** 0x80041066 — [MS-WMI] 2.2.11. */
    WBEM_E_AMENDED_OBJECT(0x80041066, "an amended object was written without WBEM_FLAG_USE_AMENDED_QUALIFIERS"),
    /** 0x80041067 — WbemCli.h. */
    WBEM_E_CLIENT_TOO_SLOW(0x80041067, "the client did not fetch enumeration results quickly enough"),
    /** 0x80041068 — WbemCli.h. */
    WBEM_E_NULL_SECURITY_DESCRIPTOR(0x80041068, "a null security descriptor was used"),
    /** 0x80041069 — WbemCli.h. */
    WBEM_E_TIMED_OUT(0x80041069, "the operation timed out"),
    /** 0x8004106A — WbemCli.h. */
    WBEM_E_INVALID_ASSOCIATION(0x8004106A, "the association is not valid"),
    /** 0x8004106B — WbemCli.h. */
    WBEM_E_AMBIGUOUS_OPERATION(0x8004106B, "the operation is ambiguous"),
    /** 0x8004106C — [MS-WMI] 2.2.11. */
    WBEM_E_QUOTA_VIOLATION(0x8004106C, "a WMI quota (such as memory) was exceeded"),
    /** 0x8004106D — WbemCli.h; the WMI Error Constants page calls it {@code WBEM_E_TRANSACTION_CONFLICT}. */
    WBEM_E_RESERVED_001(0x8004106D, "the operation resulted in a transaction conflict", "WBEM_E_TRANSACTION_CONFLICT"),
    /** 0x8004106E — WbemCli.h; the WMI Error Constants page calls it {@code WBEM_E_FORCED_ROLLBACK}. */
    WBEM_E_RESERVED_002(0x8004106E, "the transaction was forced to roll back", "WBEM_E_FORCED_ROLLBACK"),
    /** 0x8004106F — WbemCli.h. */
    WBEM_E_UNSUPPORTED_LOCALE(0x8004106F, "the locale of the call is not supported"),
    /** 0x80041070 — WbemCli.h. */
    WBEM_E_HANDLE_OUT_OF_DATE(0x80041070, "the object handle is out of date"),
    /** 0x80041071 — WbemCli.h. */
    WBEM_E_CONNECTION_FAILED(0x80041071, "the connection to the SQL database failed"),
    /** 0x80041072 — WbemCli.h. */
    WBEM_E_INVALID_HANDLE_REQUEST(0x80041072, "the handle request is not valid"),
    /** 0x80041073 — WbemCli.h. */
    WBEM_E_PROPERTY_NAME_TOO_WIDE(0x80041073, "the property name is longer than 255 characters"),
    /** 0x80041074 — WbemCli.h. */
    WBEM_E_CLASS_NAME_TOO_WIDE(0x80041074, "the class name is longer than 255 characters"),
    /** 0x80041075 — WbemCli.h. */
    WBEM_E_METHOD_NAME_TOO_WIDE(0x80041075, "the method name is longer than 255 characters"),
    /** 0x80041076 — WbemCli.h. */
    WBEM_E_QUALIFIER_NAME_TOO_WIDE(0x80041076, "the qualifier name is longer than 255 characters"),
    /** 0x80041077 — WbemCli.h. */
    WBEM_E_RERUN_COMMAND(0x80041077, "the SQL command must be run again because of a deadlock"),
    /** 0x80041078 — WbemCli.h. */
    WBEM_E_DATABASE_VER_MISMATCH(0x80041078, "the repository database version does not match the driver"),
    /** 0x80041079 — WbemCli.h. */
    WBEM_E_VETO_DELETE(0x80041079, "the provider does not allow the delete"),
    /** 0x8004107A — [MS-WMI] 2.2.11. */
    WBEM_E_VETO_PUT(0x8004107A, "the provider does not allow the put for this class"),
    /** 0x80041080 — WbemCli.h. */
    WBEM_E_INVALID_LOCALE(0x80041080, "the locale identifier is not valid for the operation"),
    /** 0x80041081 — [MS-WMI] 2.2.11. */
    WBEM_E_PROVIDER_SUSPENDED(0x80041081, "the provider is suspended"),
    /** 0x80041082 — WbemCli.h. */
    WBEM_E_SYNCHRONIZATION_REQUIRED(0x80041082, "the object must be written and read back before this operation"),
    /** 0x80041083 — WbemCli.h. */
    WBEM_E_NO_SCHEMA(0x80041083, "no schema is available"),
    /** 0x80041084 — WbemCli.h. */
    WBEM_E_PROVIDER_ALREADY_REGISTERED(0x80041084, "the provider is already registered"),
    /** 0x80041085 — WbemCli.h. */
    WBEM_E_PROVIDER_NOT_REGISTERED(0x80041085, "the provider is not registered"),
    /** 0x80041086 — WbemCli.h. */
    WBEM_E_FATAL_TRANSPORT_ERROR(0x80041086, "a fatal transport error occurred"),
    /** 0x80041087 — [MS-WMI] 2.2.11. */
    WBEM_E_ENCRYPTED_CONNECTION_REQUIRED(0x80041087, "the operation requires an encrypted connection"),
    /** 0x80041088 — [MS-WMI] 2.2.11. */
    WBEM_E_PROVIDER_TIMED_OUT(0x80041088, "the provider did not answer within the timeout"),
    /** 0x80041089 — [MS-WMI] 2.2.11. */
    WBEM_E_NO_KEY(0x80041089, "the instance was put without values for its key properties"),
    /** 0x8004108A — [MS-WMI] 2.2.11. */
    WBEM_E_PROVIDER_DISABLED(0x8004108A, "the provider is disabled"),

    // ---- event subsystem 0x80042001.. ----

    /** 0x80042001 — [MS-WMI] 2.2.11; WbemCli.h names it {@code WBEMESS_E_REGISTRATION_TOO_BROAD}. */
    WBEM_E_REGISTRATION_TOO_BROAD(0x80042001, "the provider registration overlaps the system event domain",
            "WBEMESS_E_REGISTRATION_TOO_BROAD"),
    /** 0x80042002 — [MS-WMI] 2.2.11; WbemCli.h names it {@code WBEMESS_E_REGISTRATION_TOO_PRECISE}. */
    WBEM_E_REGISTRATION_TOO_PRECISE(0x80042002, "an intrinsic event query needs a WITHIN clause",
            "WBEMESS_E_REGISTRATION_TOO_PRECISE"),
    /** 0x80042003 — WbemCli.h. */
    WBEMESS_E_AUTHZ_NOT_PRIVILEGED(0x80042003,
            "the computer lacks the domain permissions the event subscription's security needs"),

    // ---- provider extra return codes 0x80043001.. (WbemProv.h) ----

    /** 0x80043001 — WbemProv.h {@code WBEM_EXTRA_RETURN_CODES}; WMI Error Constants. */
    WBEM_E_RETRY_LATER(0x80043001, "reserved for future use (retry later)"),
    /** 0x80043002 — WbemProv.h {@code WBEM_EXTRA_RETURN_CODES}; WMI Error Constants. */
    WBEM_E_RESOURCE_CONTENTION(0x80043002, "reserved for future use (resource contention)"),

    // ---- MOF compiler 0x80044001.. ----

    /** 0x80044001 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_QUALIFIER_NAME(0x80044001, "MOF: a qualifier name was expected"),
    /** 0x80044002 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_SEMI(0x80044002, "MOF: a semicolon or '=' was expected"),
    /** 0x80044003 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_OPEN_BRACE(0x80044003, "MOF: an opening brace was expected"),
    /** 0x80044004 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_CLOSE_BRACE(0x80044004, "MOF: a closing brace is missing or an array element is illegal"),
    /** 0x80044005 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_CLOSE_BRACKET(0x80044005, "MOF: a closing bracket was expected"),
    /** 0x80044006 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_CLOSE_PAREN(0x80044006, "MOF: a closing parenthesis was expected"),
    /** 0x80044007 — WbemCli.h. */
    WBEMMOF_E_ILLEGAL_CONSTANT_VALUE(0x80044007, "MOF: a number is out of range or a string is not quoted"),
    /** 0x80044008 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_TYPE_IDENTIFIER(0x80044008, "MOF: a type identifier was expected"),
    /** 0x80044009 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_OPEN_PAREN(0x80044009, "MOF: an opening parenthesis was expected"),
    /** 0x8004400A — WbemCli.h. */
    WBEMMOF_E_UNRECOGNIZED_TOKEN(0x8004400A, "MOF: unexpected token"),
    /** 0x8004400B — WbemCli.h. */
    WBEMMOF_E_UNRECOGNIZED_TYPE(0x8004400B, "MOF: the type identifier is unknown or not supported"),
    /** 0x8004400C — WbemCli.h (the WMI Error Constants page misprints it as 0x8004400B). */
    WBEMMOF_E_EXPECTED_PROPERTY_NAME(0x8004400C, "MOF: a property or method name was expected"),
    /** 0x8004400D — WbemCli.h. */
    WBEMMOF_E_TYPEDEF_NOT_SUPPORTED(0x8004400D, "MOF: typedefs and enumerated types are not supported"),
    /** 0x8004400E — WbemCli.h. */
    WBEMMOF_E_UNEXPECTED_ALIAS(0x8004400E, "MOF: only a reference to a class object can have an alias value"),
    /** 0x8004400F — WbemCli.h. */
    WBEMMOF_E_UNEXPECTED_ARRAY_INIT(0x8004400F, "MOF: unexpected array initializer; arrays need []"),
    /** 0x80044010 — WbemCli.h. */
    WBEMMOF_E_INVALID_AMENDMENT_SYNTAX(0x80044010, "MOF: the amendment syntax is not valid"),
    /** 0x80044011 — WbemCli.h. */
    WBEMMOF_E_INVALID_DUPLICATE_AMENDMENT(0x80044011, "MOF: the amendment is specified twice"),
    /** 0x80044012 — WbemCli.h. */
    WBEMMOF_E_INVALID_PRAGMA(0x80044012, "MOF: #pragma is not followed by a valid keyword"),
    /** 0x80044013 — WbemCli.h. */
    WBEMMOF_E_INVALID_NAMESPACE_SYNTAX(0x80044013, "MOF: the namespace path syntax is not valid"),
    /** 0x80044014 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_CLASS_NAME(0x80044014, "MOF: a class name identifier was expected"),
    /** 0x80044015 — WbemCli.h. */
    WBEMMOF_E_TYPE_MISMATCH(0x80044015, "MOF: the value cannot be converted to the required type"),
    /** 0x80044016 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_ALIAS_NAME(0x80044016, "MOF: '$' must be followed by an alias name"),
    /** 0x80044017 — WbemCli.h. */
    WBEMMOF_E_INVALID_CLASS_DECLARATION(0x80044017, "MOF: the class declaration is not valid"),
    /** 0x80044018 — WbemCli.h. */
    WBEMMOF_E_INVALID_INSTANCE_DECLARATION(0x80044018, "MOF: an instance declaration must start with 'instance of'"),
    /** 0x80044019 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_DOLLAR(0x80044019, "MOF: an alias of the form $name must follow 'as'"),
    /** 0x8004401A — WbemCli.h. */
    WBEMMOF_E_CIMTYPE_QUALIFIER(0x8004401A, "MOF: the CIMTYPE qualifier cannot be given directly"),
    /** 0x8004401B — WbemCli.h. */
    WBEMMOF_E_DUPLICATE_PROPERTY(0x8004401B, "MOF: a property name is declared twice"),
    /** 0x8004401C — WbemCli.h. */
    WBEMMOF_E_INVALID_NAMESPACE_SPECIFICATION(0x8004401C, "MOF: the namespace is not valid; other servers cannot be named"),
    /** 0x8004401D — WbemCli.h. */
    WBEMMOF_E_OUT_OF_RANGE(0x8004401D, "MOF: a value is out of range"),
    /** 0x8004401E — WbemCli.h. */
    WBEMMOF_E_INVALID_FILE(0x8004401E, "MOF: the file is neither a valid text MOF nor a binary MOF"),
    /** 0x8004401F — WbemCli.h. */
    WBEMMOF_E_ALIASES_IN_EMBEDDED(0x8004401F, "MOF: embedded objects cannot be aliases"),
    /** 0x80044020 — WbemCli.h. */
    WBEMMOF_E_NULL_ARRAY_ELEM(0x80044020, "MOF: null array elements are not supported"),
    /** 0x80044021 — WbemCli.h. */
    WBEMMOF_E_DUPLICATE_QUALIFIER(0x80044021, "MOF: a qualifier is used more than once on the object"),
    /** 0x80044022 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_FLAVOR_TYPE(0x80044022, "MOF: a flavor such as ToInstance or EnableOverride was expected"),
    /** 0x80044023 — WbemCli.h. */
    WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES(0x80044023, "MOF: EnableOverride and DisableOverride cannot be combined"),
    /** 0x80044024 — WbemCli.h. */
    WBEMMOF_E_MULTIPLE_ALIASES(0x80044024, "MOF: an alias is used twice"),
    /** 0x80044025 — WbemCli.h. */
    WBEMMOF_E_INCOMPATIBLE_FLAVOR_TYPES2(0x80044025, "MOF: Restricted cannot be combined with ToInstance or ToSubClass"),
    /** 0x80044026 — WbemCli.h. */
    WBEMMOF_E_NO_ARRAYS_RETURNED(0x80044026, "MOF: methods cannot return arrays"),
    /** 0x80044027 — WbemCli.h. */
    WBEMMOF_E_MUST_BE_IN_OR_OUT(0x80044027, "MOF: a method argument needs an In or Out qualifier"),
    /** 0x80044028 — WbemCli.h. */
    WBEMMOF_E_INVALID_FLAGS_SYNTAX(0x80044028, "MOF: the flags syntax is not valid"),
    /** 0x80044029 — WbemCli.h. */
    WBEMMOF_E_EXPECTED_BRACE_OR_BAD_TYPE(0x80044029, "MOF: the closing brace and semicolon of a class are missing"),
    /** 0x8004402A — WbemCli.h. */
    WBEMMOF_E_UNSUPPORTED_CIMV22_QUAL_VALUE(0x8004402A, "MOF: this CIM 2.2 qualifier value feature is not supported"),
    /** 0x8004402B — WbemCli.h. */
    WBEMMOF_E_UNSUPPORTED_CIMV22_DATA_TYPE(0x8004402B, "MOF: this CIM 2.2 data type is not supported"),
    /** 0x8004402C — WbemCli.h. */
    WBEMMOF_E_INVALID_DELETEINSTANCE_SYNTAX(0x8004402C, "MOF: the #pragma deleteinstance syntax is not valid"),
    /** 0x8004402D — WbemCli.h. */
    WBEMMOF_E_INVALID_QUALIFIER_SYNTAX(0x8004402D, "MOF: the qualifier declaration syntax is not valid"),
    /** 0x8004402E — WbemCli.h. */
    WBEMMOF_E_QUALIFIER_USED_OUTSIDE_SCOPE(0x8004402E, "MOF: the qualifier is used outside its scope"),
    /** 0x8004402F — WbemCli.h. */
    WBEMMOF_E_ERROR_CREATING_TEMP_FILE(0x8004402F, "MOF: the compiler's temporary file could not be created"),
    /** 0x80044030 — WbemCli.h. */
    WBEMMOF_E_ERROR_INVALID_INCLUDE_FILE(0x80044030, "MOF: a file named by #include is not valid"),
    /** 0x80044031 — WbemCli.h. */
    WBEMMOF_E_INVALID_DELETECLASS_SYNTAX(0x80044031, "MOF: the #pragma deleteclass or deleteinstance syntax is not valid");

    private static final Map<Integer, WbemStatus> BY_CODE;
    private static final Map<String, WbemStatus> BY_NAME;

    static {
        WbemStatus[] all = values();
        Map<Integer, WbemStatus> byCode = new HashMap<>(all.length * 2);
        Map<String, WbemStatus> byName = new HashMap<>(all.length * 2);
        for (WbemStatus s : all) {
            WbemStatus clash = byCode.put(s.code, s);
            if (clash != null) {
                throw new IllegalStateException("WBEMSTATUS code " + hex(s.code) + " is declared twice: "
                        + clash.name() + " and " + s.name());
            }
            byName.put(s.name(), s);
        }
        for (WbemStatus s : all) {
            for (String alias : s.aliases) {
                WbemStatus clash = byName.put(alias, s);
                if (clash != null) {
                    throw new IllegalStateException("WBEMSTATUS name " + alias + " is declared twice");
                }
            }
        }
        BY_CODE = Map.copyOf(byCode);
        BY_NAME = Map.copyOf(byName);
    }

    private final int code;
    private final String description;
    private final List<String> aliases;

    WbemStatus(int code, String description, String... aliases) {
        this.code = code;
        this.description = description;
        this.aliases = List.of(aliases);
    }

    /**
     * The HRESULT value, as a 32-bit signed int (error codes are negative: the severity bit is set).
     *
     * @return the code, e.g. {@code 0x80041002} for {@link #WBEM_E_NOT_FOUND}
     */
    public int code() {
        return code;
    }

    /**
     * A short, one-line explanation of the code, lower-case and without a final period, suitable for
     * appending to an error message.
     *
     * @return the description, e.g. {@code "the object does not exist"}
     */
    public String description() {
        return description;
    }

    /**
     * Other names that Microsoft's sources give the same code (see the class comment), which
     * {@link #fromName(String)} also accepts.
     *
     * @return the alias names; empty for most codes
     */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * Whether this code reports a failure, i.e. its severity bit (bit 31) is set.
     *
     * @return {@code true} for {@code WBEM_E_*}, {@code WBEMESS_E_*}, {@code WBEMMOF_E_*} and
     *     {@code E_NOTIMPL}; {@code false} for the {@code WBEM_S_*} success codes
     */
    public boolean isError() {
        return code < 0;
    }

    /**
     * The code in hexadecimal.
     *
     * @return e.g. {@code "0x80041002"}
     */
    public String hex() {
        return hex(code);
    }

    /**
     * Looks a code up.
     *
     * @param hresult an HRESULT as answered by the server
     * @return the status with that code, or empty if the code is not in this table
     */
    public static Optional<WbemStatus> fromCode(int hresult) {
        return Optional.ofNullable(BY_CODE.get(hresult));
    }

    /**
     * Looks a symbolic name up: the constant's own name or one of its {@linkplain #aliases() aliases},
     * matched exactly (case-sensitive).
     *
     * @param name e.g. {@code "WBEM_E_NOT_FOUND"} or {@code "WBEMESS_E_REGISTRATION_TOO_BROAD"}
     * @return the status, or empty if no code has that name
     */
    public static Optional<WbemStatus> fromName(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The symbolic name of a code, for messages and logs.
     *
     * @param hresult an HRESULT as answered by the server
     * @return the constant's name, e.g. {@code "WBEM_E_NOT_FOUND"}, or for a code not in this table its
     *     hexadecimal form, e.g. {@code "0x80070005"}
     */
    public static String nameOf(int hresult) {
        WbemStatus s = BY_CODE.get(hresult);
        return s != null ? s.name() : hex(hresult);
    }

    /**
     * Formats any HRESULT as {@code 0x} followed by eight upper-case hexadecimal digits.
     *
     * @param hresult an HRESULT
     * @return e.g. {@code "0x8004106C"} or {@code "0x00040004"}
     */
    public static String hex(int hresult) {
        return String.format(Locale.ROOT, "0x%08X", hresult);
    }
}
