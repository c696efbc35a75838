package dev.corvid.e2e;

/** An entity with data worth redacting. */
public class Employee {
    private String firstName;
    private String lastName;
    private int salary;
    private String homeAddress;

    public Employee() {
    }

    public Employee(String firstName, String lastName, int salary, String homeAddress) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.salary = salary;
        this.homeAddress = homeAddress;
    }

    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public int getSalary() { return salary; }
    public void setSalary(int salary) { this.salary = salary; }
    public String getHomeAddress() { return homeAddress; }
    public void setHomeAddress(String homeAddress) { this.homeAddress = homeAddress; }
}
