package jp.madoguchi.sim.central.pki;

import java.time.LocalDate;

/**
 * The basic four items a sign certificate carries (card-spec §4), plus the prefecture and city its
 * subject and CRL distribution point name.
 *
 * @param sex 1 male, 2 female, 3 unknown
 */
public record CertificateHolder(String name, LocalDate birthDate, int sex, String address,
        String prefectureRomaji, String cityRomaji) {
}
