package io.dbaas.orion.account;

/** A credential just created, with its token: the only moment the token exists outside the client. */
public record IssuedCredential(Credential credential, ManagementToken token) {

    @Override
    public String toString() {
        return "IssuedCredential[id=" + credential.id() + ", role=" + credential.role() + "]";
    }
}
