package org.leasehold.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leasehold.core.internal.value.Bytes;

class VendorOptionParserTest {

    @Test
    void readsSubOptionsWithTheSpacesWidthsAndConcatenatesRepeats() {
        SpaceLayout wide = new SpaceLayout("w", 2, 2, 1);
        Bytes data = Bytes.of(new byte[] {0, 7, 0, 2, 'a', 'b', 0, 9, 0, 0, 0, 7, 0, 1, 'c'});
        assertThat(VendorOptionParser.parse(wide, data)).containsEntry(7L, Bytes.of("abc")).containsEntry(9L, Bytes.of(""));
    }

    @Test
    void padAndEndInAOneByteSpaceAndMalformedDataYieldsNothing() {
        SpaceLayout one = SpaceLayout.standard("s");
        assertThat(VendorOptionParser.parse(one, Bytes.of(new byte[] {0, 3, 1, 'x', (byte) 255, 4, 1, 'y'})))
                .containsOnlyKeys(3L);
        assertThat(VendorOptionParser.parse(one, Bytes.of(new byte[] {3, 9, 'x'}))).isEmpty();
    }
}
