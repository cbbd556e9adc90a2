package org.leasehold.store.pgsql.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The PostgreSQL backend's settings. PID {@value #PID}, file {@code etc/org.leasehold.store.pgsql.cfg}.
 * Without that file the bundle does nothing.
 */
@ObjectClassDefinition(name = "Leasehold PostgreSQL store", description = "Database of the configuration versions of one site")
public @interface PgsqlSettings {

    String PID = "org.leasehold.store.pgsql";

    @AttributeDefinition(description = "JDBC URL of this site's database, e.g. jdbc:postgresql://198.18.0.1:5432/leasehold")
    String url();

    @AttributeDefinition(description = "Database user")
    String user() default "leasehold";

    @AttributeDefinition(name = ".password", type = AttributeType.PASSWORD, description = "Database password (empty: none)")
    String _password() default "";

    @AttributeDefinition(description = "Name of this site; the versions pushed here and this site's verdicts carry it, "
            + "and each site's publication replicates the rows of its own site")
    String site();

    @AttributeDefinition(description = "Name of this server in the verdict table (unique among the servers of all sites)")
    String server();

    @AttributeDefinition(description = "Apply the newest version of the database (false: only store and list them)")
    boolean configSync() default true;

    @AttributeDefinition(description = "Seconds between two checks for a new version besides LISTEN/NOTIFY")
    int pollSeconds() default 10;

    @AttributeDefinition(description = "Connections of the pool the console commands use")
    int poolSize() default 2;

    @AttributeDefinition(description = "Seconds to wait for a connection or a login")
    int connectTimeoutSeconds() default 5;
}
